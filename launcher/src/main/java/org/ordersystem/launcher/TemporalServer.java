package org.ordersystem.launcher;

import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ordersystem.workflows.OrderSearchAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal server the stack talks to: in process, a launched dev server, or an external one.
 */
final class TemporalServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TemporalServer.class);

  private final String target;
  private final String uiUrl;
  private final AutoCloseable running;

  private TemporalServer(String target, String uiUrl, AutoCloseable running) {
    this.target = target;
    this.uiUrl = uiUrl;
    this.running = running;
  }

  /**
   * Starts what {@code mode} asks for: {@code embedded}, {@code dev} or an external {@code
   * host:port}.
   */
  static TemporalServer start(String mode, int port, Path dataDir) throws IOException {
    return switch (mode) {
      case "embedded" -> embedded(port);
      case "dev" -> devServer(port, dataDir);
      default -> new TemporalServer(mode, null, () -> {});
    };
  }

  /**
   * The in-process test server. Time skipping stays locked so timers run in real time, as the shops
   * and operators of the local stack expect. It keeps its state in memory only, and has no
   * Schedules (the recovery sweep runs on a timer there); the workers register the order search
   * attributes on it when they start. See {@link InProcessTemporal} for a leak it is cured of.
   */
  private static TemporalServer embedded(int port) {
    TestServer.PortBoundTestServer server = InProcessTemporal.start(port);
    log.info("In-process Temporal server on localhost:{} (state kept in memory)", port);
    return new TemporalServer("localhost:" + port, null, server::close);
  }

  /** {@code temporal server start-dev} with a database file, so workflows survive restarts. */
  private static TemporalServer devServer(int port, Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    int uiPort = port + 1000;
    Path logFile = dataDir.resolve("temporal-dev-server.log");
    List<String> command =
        new ArrayList<>(
            List.of(
                "temporal",
                "server",
                "start-dev",
                "--db-filename",
                dataDir.resolve("temporal.db").toString(),
                "--port",
                Integer.toString(port),
                "--ui-port",
                Integer.toString(uiPort),
                // An activity scheduled by a worker that has a free slot is handed back to it in
                // the answer to its workflow task, skipping a round of task matching.
                "--dynamic-config-value",
                "system.enableActivityEagerExecution=true",
                // A write-ahead log: one fsync per commit instead of a rollback journal's several,
                // and readers no longer block the writer. Commits stay durable.
                "--sqlite-pragma",
                "journal_mode=wal"));
    // Registered with the server, before any worker upserts them (the workers check again).
    for (String name : OrderSearchAttributes.NAMES) {
      command.add("--search-attribute");
      command.add(name + "=Keyword");
    }
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(logFile.toFile())
            .start();
    awaitPort(port, Duration.ofSeconds(60), process);
    log.info("Temporal dev server on localhost:{}, UI on :{} (log {})", port, uiPort, logFile);
    return new TemporalServer(
        "localhost:" + port,
        "http://localhost:" + uiPort,
        () -> {
          process.destroy();
          process.waitFor();
        });
  }

  private static void awaitPort(int port, Duration timeout, Process process) throws IOException {
    Instant until = Instant.now().plus(timeout);
    while (Instant.now().isBefore(until)) {
      if (!process.isAlive()) {
        throw new IOException("temporal server start-dev exited with " + process.exitValue());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("localhost", port), 500);
        return;
      } catch (IOException notYet) {
        sleep(Duration.ofMillis(250));
      }
    }
    process.destroy();
    throw new IOException("temporal server start-dev did not listen on " + port + " in time");
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Temporal", e);
    }
  }

  String target() {
    return target;
  }

  /** Temporal UI's address, when this server has one. */
  String uiUrl() {
    return uiUrl;
  }

  @Override
  public void close() throws Exception {
    running.close();
  }
}
