package org.ordersystem.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server process the launcher starts, named by a pid file in the data directory, so that what a
 * launcher left running when it died (kill -9, an OOM kill) is recognised and stopped by the next
 * start instead of holding its ports and files.
 *
 * <p>A pid outlives its process and may be reused by another one, so a pid alone proves nothing:
 * the process counts as ours only when its command line holds {@code signature}, a path inside this
 * data directory that the launcher passed to it (its database file, its pid file).
 *
 * @param file where the pid is kept while the process runs
 * @param signature text that the command line of our process, and of no other, contains
 */
record PidFile(Path file, String signature) {

  private static final Logger log = LoggerFactory.getLogger(PidFile.class);

  /** Records the pid of a process just started. */
  void write(long pid) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, Long.toString(pid));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + file, e);
    }
  }

  /** Forgets the process once it stopped. */
  void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("Could not delete {}", file, e);
    }
  }

  /**
   * Stops the process the file names if it still runs and is ours (SIGTERM, then SIGKILL after
   * {@code grace}), and removes the file. A process that is not ours is left alone.
   *
   * @return whether there was such a leftover
   */
  boolean stopLeftover(Duration grace) {
    Optional<ProcessHandle> leftover = pid().flatMap(ProcessHandle::of).filter(this::isOurs);
    leftover.ifPresent(process -> stop(process, grace));
    delete();
    return leftover.isPresent();
  }

  private Optional<Long> pid() {
    try {
      return Optional.of(Long.parseLong(Files.readString(file).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private boolean isOurs(ProcessHandle process) {
    return process.isAlive()
        && process.info().commandLine().map(line -> line.contains(signature)).orElse(false);
  }

  private void stop(ProcessHandle process, Duration grace) {
    log.warn(
        "Stopping pid {} left running by a launcher that did not stop cleanly ({})",
        process.pid(),
        file);
    CompletableFuture<ProcessHandle> exited = process.onExit();
    process.destroy();
    try {
      exited.get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.warn("Pid {} did not stop within {}; killing it", process.pid(), grace);
      process.destroyForcibly();
      exited.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping pid " + process.pid(), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not wait for pid " + process.pid(), e);
    }
  }
}
