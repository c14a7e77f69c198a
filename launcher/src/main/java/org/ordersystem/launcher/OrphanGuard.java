package org.ordersystem.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the servers the launcher starts from outliving it when it dies without stopping them (kill
 * -9, an OOM kill), where the operating system allows: a small shell process that waits for its
 * standard input to end, which happens when the launcher's JVM is gone and the kernel closes the
 * JVM's end of the pipe, then stops every process the pid files still name, as {@link
 * PidFile#stopLeftover} would. After a clean stop the files are gone and it does nothing.
 *
 * <p>Without {@code /bin/sh} or {@code /proc} (not Linux) there is no guard; the next start still
 * stops the leftovers.
 */
final class OrphanGuard implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OrphanGuard.class);

  /**
   * The first argument is the grace in half seconds before SIGKILL; then come pairs, a pid file and
   * the signature its process's command line holds.
   */
  private static final String SCRIPT =
      """
      while read -r _; do :; done
      grace=$1; shift
      while [ $# -ge 2 ]; do
        file=$1; signature=$2; shift 2
        pid=$(cat "$file" 2>/dev/null) || continue
        tr '\\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$signature" || continue
        kill -TERM "$pid" 2>/dev/null
        waited=0
        while kill -0 "$pid" 2>/dev/null && [ $waited -lt "$grace" ]; do sleep 0.5; waited=$((waited+1)); done
        kill -KILL "$pid" 2>/dev/null
        rm -f "$file"
      done
      """;

  private final Process guard;

  private OrphanGuard(Process guard) {
    this.guard = guard;
  }

  /**
   * Starts a guard over {@code pidFiles}; a no-op guard where the OS has no way to run one.
   *
   * @param grace how long a server may take to stop on SIGTERM before it is killed
   */
  static OrphanGuard over(List<PidFile> pidFiles, Duration grace) {
    if (!Files.isExecutable(Path.of("/bin/sh")) || !Files.isDirectory(Path.of("/proc/self"))) {
      return new OrphanGuard(null);
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                "/bin/sh",
                "-c",
                SCRIPT,
                "orders-orphan-guard",
                Long.toString(grace.toMillis() / 500)));
    for (PidFile pidFile : pidFiles) {
      command.add(pidFile.file().toString());
      command.add(pidFile.signature());
    }
    try {
      // Standard input stays a pipe from this JVM: its end is what the guard waits on.
      return new OrphanGuard(
          new ProcessBuilder(command)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start());
    } catch (IOException e) {
      log.warn("No guard against orphaned servers: {}", e.toString());
      return new OrphanGuard(null);
    }
  }

  /** Ends the guard after a clean stop, for a launcher that lives on (a test JVM). */
  @Override
  public void close() {
    if (guard != null) {
      guard.destroy();
    }
  }
}
