package org.ordersystem.bench.chaos;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Kills parts of the stack with kill -9 and starts them again, through {@code bench/lib/part}, the
 * same shell functions that started them; each start returns once the part listens.
 */
final class PartControl {

  private final String partCommand;
  private final Path data;

  PartControl(String partCommand, Path data) {
    this.partCommand = partCommand;
    this.data = data;
  }

  void kill(String part) throws IOException, InterruptedException {
    run("kill", part);
  }

  void start(String part) throws IOException, InterruptedException {
    run("start", part);
  }

  private void run(String action, String part) throws IOException, InterruptedException {
    File log = data.resolve("logs").resolve("part-control.log").toFile();
    Process process =
        new ProcessBuilder(partCommand, data.toString(), action, part)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    int exit = process.waitFor();
    if (exit != 0) {
      throw new IOException(action + " " + part + " failed (exit " + exit + "); see " + log);
    }
  }
}
