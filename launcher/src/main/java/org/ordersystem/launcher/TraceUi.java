package org.ordersystem.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.ordersystem.api.slo.SloProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trace UI of the local stack: Zipkin's server, its executable jar from Maven Central (the
 * build puts it beside the launcher's jar), run by this JDK as a child process with its spans in
 * memory. Its pid file lets a later start stop it if this launcher dies first.
 */
final class TraceUi implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TraceUi.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  /** Spans kept in memory; the oldest traces go first. About 100 MB of heap. */
  private static final String MAX_SPANS = "100000";

  private final Process process;
  private final PidFile pidFile;
  private final int port;
  private final Path logFile;

  private TraceUi(Process process, PidFile pidFile, int port, Path logFile) {
    this.process = process;
    this.pidFile = pidFile;
    this.port = port;
    this.logFile = logFile;
  }

  /** The pid file of a trace UI started on {@code dataDir}, known by its path. */
  static PidFile pidFile(Path dataDir) {
    Path file = dataDir.resolve("zipkin.pid");
    return new PidFile(file, file.toString());
  }

  /**
   * Starts Zipkin without waiting for it: it takes seconds, which the other parts' start covers.
   * {@link #awaitReady} waits.
   *
   * @param dataDir its folder: log and pid file
   */
  static TraceUi launch(int port, Path dataDir) {
    Path jar = zipkinJar();
    requireFree(port);
    try {
      Files.createDirectories(dataDir);
      PidFile pidFile = pidFile(dataDir);
      Path logFile = dataDir.resolve("zipkin.log");
      ProcessBuilder builder =
          new ProcessBuilder(
                  List.of(
                      Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                      // The pid file's path marks the process as this data directory's.
                      "-Dorders.pid-file=" + pidFile.file(),
                      // A small heap and the serial collector: a viewer for one developer, on a
                      // machine the stack itself keeps busy.
                      "-Xmx384m",
                      "-XX:+UseSerialGC",
                      "-XX:TieredStopAtLevel=1",
                      "-jar",
                      jar.toString()))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      Map<String, String> env = builder.environment();
      // Zipkin is a Spring Boot application too: the stack's own settings (SERVER_PORT above all)
      // must not configure it.
      env.keySet()
          .removeIf(
              name ->
                  name.startsWith("SERVER_")
                      || name.startsWith("SPRING_")
                      || name.startsWith("MANAGEMENT_")
                      || name.startsWith("LOGGING_"));
      env.put("QUERY_PORT", Integer.toString(port));
      env.put("STORAGE_TYPE", "mem");
      env.put("MEM_MAX_SPANS", MAX_SPANS);
      Process process = builder.start();
      pidFile.write(process.pid());
      return new TraceUi(process, pidFile, port, logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the trace UI (Zipkin)", e);
    }
  }

  /** Waits until Zipkin answers its health check. */
  void awaitReady() throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create(baseUrl() + "/health"))
            .timeout(Duration.ofSeconds(2))
            .build();
    Instant until = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(until)) {
      if (!process.isAlive()) {
        throw new IOException(
            "Zipkin exited with "
                + process.exitValue()
                + " before it was ready; its log: "
                + logFile);
      }
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          log.info("Trace UI (Zipkin) on {} (log {})", url(), logFile);
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for Zipkin", e);
      }
      sleep(Duration.ofMillis(500));
    }
    throw new IOException(
        "Zipkin did not answer on port " + port + " in " + START_TIMEOUT + "; its log: " + logFile);
  }

  private String baseUrl() {
    return "http://localhost:" + port;
  }

  /** Where a person looks at traces. */
  String url() {
    return baseUrl() + "/zipkin/";
  }

  /**
   * Zipkin's search for one order's traces, {@value SloProperties#ORDER_ID} standing for the order
   * id: every span of an order carries the tag {@code order.id}. Zipkin's UI searches only with a
   * window and a limit in its URL; this window takes in every span it holds (it holds the newest,
   * in memory), so the link still works long after the report that carries it.
   */
  static String orderSearchUrl(String uiUrl) {
    String everything = Long.toString(Instant.parse("2100-01-01T00:00:00Z").toEpochMilli());
    return uiUrl
        + "?annotationQuery=order.id%3D"
        + SloProperties.ORDER_ID
        + "&lookback=millis&millis="
        + everything
        + "&endTs="
        + everything
        + "&limit=10";
  }

  /** Where the parts send their spans, in Zipkin's v2 format. */
  String spansEndpoint() {
    return baseUrl() + "/api/v2/spans";
  }

  /**
   * The Zipkin server jar: {@code ORDERS_ZIPKIN_JAR}, or the one the build copied (its path is in
   * {@code trace-ui.properties}).
   *
   * @throws CannotStart saying how to get it, when it is not there
   */
  static Path zipkinJar() {
    String explicit = System.getenv("ORDERS_ZIPKIN_JAR");
    Path jar = explicit != null && !explicit.isBlank() ? Path.of(explicit) : builtJar();
    if (!Files.isRegularFile(jar)) {
      throw new CannotStart(
          "The trace UI needs Zipkin's server jar at "
              + jar
              + ": build the launcher (./mvnw -DskipTests package) to fetch it from Maven Central,"
              + " point ORDERS_ZIPKIN_JAR at one, or set ORDERS_TRACE_UI=none");
    }
    return jar;
  }

  private static Path builtJar() {
    Properties properties = new Properties();
    try (InputStream in = TraceUi.class.getResourceAsStream("/trace-ui.properties")) {
      if (in == null) {
        throw new CannotStart("trace-ui.properties is missing from the launcher: rebuild it");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read trace-ui.properties", e);
    }
    return Path.of(properties.getProperty("zipkin.jar"));
  }

  private static void requireFree(int port) {
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      // Free now; closed again at once so Zipkin can bind it.
    } catch (IOException e) {
      throw new CannotStart(
          "The trace UI cannot listen on port "
              + port
              + ": it is already in use (ORDERS_TRACE_UI_PORT picks another, ORDERS_TRACE_UI=none"
              + " starts none)",
          e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Zipkin", e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    pidFile.delete();
  }
}
