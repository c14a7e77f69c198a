package org.ordersystem.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One launcher per data directory. The lock is the operating system's, so it ends with the process
 * that holds it, however that process ends: a launcher that finds it free knows that whoever used
 * the directory before is gone, and that the servers its pid files name are leftovers to stop.
 */
final class DataDirLock implements AutoCloseable {

  static final String FILE_NAME = "launcher.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the directory for this process.
   *
   * @throws CannotStart when another launcher, alive, holds it
   */
  static DataDirLock acquire(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve(FILE_NAME);
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException heldInThisJvm) {
      lock = null;
    }
    if (lock == null) {
      String holder = Files.readString(file).trim();
      channel.close();
      throw new CannotStart(
          "Another local stack (pid "
              + (holder.isEmpty() ? "unknown" : holder)
              + ") is running on the data directory "
              + dataDir
              + "; stop it first, or give this one another ORDERS_DATA_DIR");
    }
    channel.truncate(0);
    channel.write(
        ByteBuffer.wrap(
            Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
    channel.force(true);
    return new DataDirLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
