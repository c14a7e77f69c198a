package org.ordersystem.launcher;

import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ordersystem.workflows.OrderSearchAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal server the stack talks to: in process, a launched dev server, or an external one.
 */
final class TemporalServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TemporalServer.class);

  /** The dev server's search attributes read from its cache (see {@link #devServer}). */
  static final String SEARCH_ATTRIBUTE_CACHE =
      "system.forceSearchAttributesCacheRefreshOnRead=false";

  private final String target;
  private final String uiUrl;
  private final AutoCloseable running;

  private TemporalServer(String target, String uiUrl, AutoCloseable running) {
    this.target = target;
    this.uiUrl = uiUrl;
    this.running = running;
  }

  /**
   * Starts what {@code mode} asks for: {@code dev} (the default), {@code embedded} or an external
   * {@code host:port}.
   *
   * @param dataDir the dev server's folder: its database file, log and pid file
   * @param uiCodecEndpoint the codec server Temporal UI decrypts payloads with; null for none
   */
  static TemporalServer start(
      String mode, int port, int uiPort, Path dataDir, String uiCodecEndpoint) throws IOException {
    return switch (mode) {
      case "embedded" -> embedded(port);
      case "dev" -> devServer(port, uiPort, dataDir, uiCodecEndpoint);
      default -> new TemporalServer(mode, null, () -> {});
    };
  }

  /** The pid file of a dev server started on {@code dataDir}, known by its database file. */
  static PidFile pidFile(Path dataDir) {
    return new PidFile(dataDir.resolve("temporal-server.pid"), databaseFile(dataDir).toString());
  }

  private static Path databaseFile(Path dataDir) {
    return dataDir.resolve("temporal.db");
  }

  /**
   * The in-process test server. Time skipping stays locked so timers run in real time, as the shops
   * and operators of the local stack expect. It keeps its state in memory only, and has no
   * Schedules (the recovery sweep runs on a timer there); the workers register the order search
   * attributes on it when they start. See {@link InProcessTemporal} for a leak it is cured of.
   */
  private static TemporalServer embedded(int port) {
    TestServer.PortBoundTestServer server = InProcessTemporal.start(port);
    log.warn(
        "ORDERS_TEMPORAL_TARGET=embedded: the in-process Temporal server on localhost:{} keeps"
            + " workflows in memory only. Every order in flight, every PENDING order and every"
            + " refund window is LOST when this process stops; there is no Temporal UI.",
        port);
    return new TemporalServer("localhost:" + port, null, server::close);
  }

  /**
   * {@code temporal server start-dev} with a database file, so workflows survive restarts, and
   * Temporal UI. Its pid file lets a later start stop it if this launcher dies first.
   */
  private static TemporalServer devServer(
      int port, int uiPort, Path dataDir, String uiCodecEndpoint) throws IOException {
    Path cli = TemporalCli.fromEnvironment().locate();
    Files.createDirectories(dataDir);
    requireFree(port, "Temporal");
    requireFree(uiPort, "Temporal UI");
    Path logFile = dataDir.resolve("temporal-dev-server.log");
    List<String> command =
        new ArrayList<>(
            List.of(
                cli.toString(),
                "server",
                "start-dev",
                "--db-filename",
                databaseFile(dataDir).toString(),
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
                "journal_mode=wal",
                // The CLI turns the server's search-attribute cache off by default, so that an
                // attribute added at run time is usable at once. Off, every upsert reads the
                // cluster metadata and the namespace from the database again: about 20 reads an
                // order on the server's single SQLite connection, inside its workflow task's
                // completion. Ours are registered below, before the server starts, so the cache
                // can stay on; an attribute added later becomes usable within a minute.
                "--dynamic-config-value",
                SEARCH_ATTRIBUTE_CACHE));
    if (uiCodecEndpoint != null) {
      command.add("--ui-codec-endpoint");
      command.add(uiCodecEndpoint);
    }
    // Registered with the server, before any worker upserts them (the workers check again).
    for (String name : OrderSearchAttributes.NAMES) {
      command.add("--search-attribute");
      command.add(name + "=Keyword");
    }
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            .start();
    PidFile pidFile = pidFile(dataDir);
    pidFile.write(process.pid());
    AutoCloseable stop =
        () -> {
          process.destroy();
          if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
          }
          pidFile.delete();
        };
    try {
      awaitPort(port, Duration.ofSeconds(60), process, logFile);
    } catch (IOException | RuntimeException e) {
      closeQuietly(stop);
      throw e;
    }
    log.info("Temporal dev server on localhost:{}, UI on :{} (log {})", port, uiPort, logFile);
    return new TemporalServer("localhost:" + port, "http://localhost:" + uiPort, stop);
  }

  /**
   * A port somebody else listens on would make the dev server exit, or worse, make us talk to the
   * other process: refused at once, with the port named.
   */
  private static void requireFree(int port, String what) {
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      // Free now; closed again at once so the server can bind it.
    } catch (IOException e) {
      throw new CannotStart(what + " cannot listen on port " + port + ": it is already in use", e);
    }
  }

  private static void closeQuietly(AutoCloseable stop) {
    try {
      stop.close();
    } catch (Exception e) {
      log.warn("Could not stop the dev server after its failed start", e);
    }
  }

  private static void awaitPort(int port, Duration timeout, Process process, Path logFile)
      throws IOException {
    Instant until = Instant.now().plus(timeout);
    while (Instant.now().isBefore(until)) {
      if (!process.isAlive()) {
        throw new IOException(
            "temporal server start-dev exited with "
                + process.exitValue()
                + ": "
                + lastLine(logFile)
                + "; its log: "
                + logFile);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("localhost", port), 500);
        return;
      } catch (IOException notYet) {
        sleep(Duration.ofMillis(250));
      }
    }
    throw new IOException(
        "temporal server start-dev did not listen on " + port + " in time; its log: " + logFile);
  }

  /**
   * The server's last words, such as "bind: address already in use": said in the failure itself, so
   * a caller can tell a lost port from a broken server without reading the log.
   */
  static String lastLine(Path logFile) {
    try (var lines = Files.lines(logFile)) {
      String last =
          lines.filter(line -> !line.isBlank()).reduce((first, second) -> second).orElse("");
      return last.length() > 500 ? last.substring(0, 500) + "…" : last;
    } catch (IOException | java.io.UncheckedIOException e) {
      return "(its log could not be read)";
    }
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
