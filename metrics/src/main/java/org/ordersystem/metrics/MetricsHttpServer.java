package org.ordersystem.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The Prometheus scrape endpoint of a part that runs without Spring (the workers, the services):
 * {@code GET /metrics} in the text exposition format. The JDK's HTTP server on one thread is enough
 * for a scraper every few seconds, and adds no dependency.
 */
public final class MetricsHttpServer implements AutoCloseable {

  /** The path Prometheus scrapes by default. */
  public static final String PATH = "/metrics";

  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;

  private MetricsHttpServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Starts serving on all interfaces.
   *
   * @param port 0 for a free one
   * @throws UncheckedIOException when the port is taken
   */
  public static MetricsHttpServer start(PrometheusMeterRegistry registry, int port) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("metrics port " + port + " is not free", e);
    }
    server.createContext(PATH, exchange -> serve(registry, exchange));
    server.setExecutor(
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "metrics-http");
              thread.setDaemon(true);
              return thread;
            }));
    server.start();
    return new MetricsHttpServer(server);
  }

  private static void serve(PrometheusMeterRegistry registry, HttpExchange exchange)
      throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().add("Allow", "GET");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", CONTENT_TYPE);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
