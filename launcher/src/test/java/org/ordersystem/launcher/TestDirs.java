package org.ordersystem.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The data directories of the stacks the tests start (MariaDB, Temporal's database, keys): about
 * 500 MB each, so they must not pile up run after run.
 *
 * <p>Each is deleted when the test JVM exits. As a JVM may be halted before its hooks finish, the
 * first directory a run creates also sweeps those earlier runs left: any {@code orders-*} directory
 * in the temp directory, older than {@link #STALE_AFTER}, whose {@code launcher.lock} nobody holds.
 * A stack holds that lock as long as it runs ({@link DataDirLock}).
 */
final class TestDirs {

  static final Duration STALE_AFTER = Duration.ofMinutes(30);

  private static final List<Path> toDelete = new ArrayList<>();

  /**
   * Registered with the first directory, not when the class loads: a shutdown hook that deletes
   * (E2eStacks') may be what loads it, when no hook can be added any more.
   */
  private static boolean started;

  private TestDirs() {}

  /**
   * A new directory under the system's temp directory, deleted at exit. A stack started on it must
   * be stopped by then: by the test itself, or by a shutdown hook that deletes it after stopping it
   * ({@link #createKept} and {@link #delete}), since hooks run in no set order.
   */
  static synchronized Path create(String prefix) throws IOException {
    Path dir = createKept(prefix);
    toDelete.add(dir);
    return dir;
  }

  /** A new directory the caller deletes; earlier runs' stale ones are swept first. */
  static synchronized Path createKept(String prefix) throws IOException {
    if (!started) {
      started = true;
      sweepStale(Path.of(System.getProperty("java.io.tmpdir")));
      Runtime.getRuntime().addShutdownHook(new Thread(TestDirs::deleteAll, "test-dirs-cleanup"));
    }
    return Files.createTempDirectory(prefix);
  }

  /** Deletes a directory and everything in it, as far as it can; what stays is only disk space. */
  static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // A part still stopping wrote or removed a file meanwhile: leave the rest.
    }
  }

  private static synchronized void deleteAll() {
    toDelete.forEach(TestDirs::delete);
  }

  private static void sweepStale(Path tmp) {
    Instant before = Instant.now().minus(STALE_AFTER);
    try (Stream<Path> entries = Files.list(tmp)) {
      entries
          .filter(dir -> dir.getFileName().toString().startsWith("orders-"))
          .filter(dir -> Files.isRegularFile(dir.resolve(DataDirLock.FILE_NAME)))
          .filter(dir -> modifiedBefore(dir, before) && nobodyHolds(dir))
          .forEach(TestDirs::delete);
    } catch (IOException | UncheckedIOException e) {
      // Sweeping is a courtesy to the disk; a run must not fail for it.
    }
  }

  private static boolean modifiedBefore(Path dir, Instant instant) {
    try {
      return Files.getLastModifiedTime(dir).toInstant().isBefore(instant);
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean nobodyHolds(Path dir) {
    try (FileChannel channel =
            FileChannel.open(dir.resolve(DataDirLock.FILE_NAME), StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock()) {
      return lock != null;
    } catch (IOException | RuntimeException e) {
      return false; // held in this JVM, or unreadable: not ours to judge
    }
  }
}
