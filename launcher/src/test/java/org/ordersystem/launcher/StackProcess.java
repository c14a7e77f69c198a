package org.ordersystem.launcher;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The jar {@code dev/run} starts, run as a process with its defaults (the durable dev server with
 * Temporal UI, MariaDB under the data directory) on free ports, and ended as a user or a crash
 * would end it.
 *
 * @param process the launcher's JVM
 * @param log everything it printed
 * @param apiPort where its REST API listens
 */
record StackProcess(Process process, Path log, int apiPort) {

  static final String SHOP_KEY = "devrun-shop-key";
  static final String OPERATOR_KEY = "devrun-operator-key";
  private static final Path JAR = Path.of("target/orders-local-stack.jar");
  private static final Pattern TRACE_UI_LINE =
      Pattern.compile("Traces +(http://localhost:\\d+/zipkin/)");
  private static final Path JCMD = Path.of(System.getProperty("java.home"), "bin", "jcmd");

  /**
   * Starts the jar on the data directory with free ports. A port found free here can be taken by
   * another process before the stack binds it; the stack then exits saying so, and is started again
   * on other ports ({@link FreePorts#retryWhenTaken}).
   *
   * @param env variables beyond the data directory, the ports and the keys
   */
  static StackProcess start(Path dataDir, String name, Map<String, String> env) throws Exception {
    return FreePorts.retryWhenTaken(() -> startOnce(dataDir, name, env));
  }

  /**
   * @throws IllegalStateException with the stack's log when it exited before it was ready
   */
  private static StackProcess startOnce(Path dataDir, String name, Map<String, String> extra)
      throws IOException {
    int apiPort = FreePorts.any();
    Map<String, String> env = new HashMap<>(extra);
    env.put("ORDERS_DATA_DIR", dataDir.toString());
    env.put("SERVER_PORT", Integer.toString(apiPort));
    env.put("ORDERS_TEMPORAL_PORT", Integer.toString(FreePorts.any()));
    env.put("ORDERS_TEMPORAL_UI_PORT", Integer.toString(FreePorts.any()));
    env.put("ORDERS_DB_PORT", Integer.toString(FreePorts.any()));
    for (String service : List.of("STOCK", "SHIPPING", "PAYMENT", "PSP")) {
      env.put("ORDERS_" + service + "_PORT", "0");
    }
    // The trace UI is a JVM of its own: only the tests that read traces start it.
    if (TraceUiOptions.ZIPKIN.equals(env.get("ORDERS_TRACE_UI"))) {
      env.put("ORDERS_TRACE_UI_PORT", Integer.toString(FreePorts.any()));
    } else {
      env.put("ORDERS_TRACE_UI", TraceUiOptions.NONE);
    }
    env.put("ORDERS_DEMO_SHOP_KEY", SHOP_KEY);
    env.put("ORDERS_DEMO_OPERATOR_KEY", OPERATOR_KEY);
    Path log = Files.createTempFile(dataDir, name + "-", ".log");
    Process process = run(env, log);
    if (!awaitReady(process, log)) {
      throw new IllegalStateException(
          "stack exited with " + process.exitValue() + ":\n" + Files.readString(log));
    }
    return new StackProcess(process, log, apiPort);
  }

  /** The jar as a process, with {@code env} added to this JVM's environment. */
  static Process run(Map<String, String> env, Path log) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder("java", "-jar", JAR.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  ApiClient shop() {
    return new ApiClient(apiPort, SHOP_KEY);
  }

  ApiClient operator() {
    return new ApiClient(apiPort, OPERATOR_KEY);
  }

  /** The trace UI's address the stack printed: {@code http://localhost:<port>/zipkin/}. */
  String traceUiUrl() throws IOException {
    Matcher banner = TRACE_UI_LINE.matcher(output());
    if (!banner.find()) {
      throw new AssertionError("the stack printed no trace UI line:\n" + output());
    }
    return banner.group(1);
  }

  String output() throws IOException {
    return Files.readString(log);
  }

  /** The servers it started and watches over: MariaDB, the Temporal dev server, the guard. */
  List<ProcessHandle> children() {
    return process.children().toList();
  }

  /** SIGTERM, as Ctrl-C would do, then a bounded wait for a clean exit. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("stack did not stop within 60 s of SIGTERM");
    }
  }

  /** SIGKILL of the launcher's JVM alone: what a kill -9 or the OOM killer does. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /**
   * @return true once the stack says it is ready, false if it exited first
   */
  private static boolean awaitReady(Process process, Path log) throws IOException {
    try {
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> !process.isAlive() || Files.readString(log).contains("Ctrl-C stops it."));
    } catch (ConditionTimeoutException e) {
      // What the stack was doing is the only way to tell a slow start from a hung one.
      String threads = threadDump(process);
      process.destroyForcibly();
      throw new AssertionError(
          "stack not ready within 3 minutes; its threads:\n"
              + threads
              + "\nits log:\n"
              + Files.readString(log),
          e);
    }
    if (!process.isAlive()) {
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return false;
    }
    return true;
  }

  private static String threadDump(Process process) {
    try {
      Process jcmd =
          new ProcessBuilder(JCMD.toString(), Long.toString(process.pid()), "Thread.print")
              .redirectErrorStream(true)
              .start();
      String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      jcmd.waitFor(30, TimeUnit.SECONDS);
      return dump;
    } catch (IOException e) {
      return "(no thread dump: " + e + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(thread dump interrupted)";
    }
  }
}
