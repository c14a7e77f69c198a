package org.ordersystem.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

  @TempDir Path dataDir;

  private Process process;

  @AfterEach
  void killTheProcess() {
    if (process != null) {
      process.destroyForcibly();
    }
  }

  @Test
  void shouldStopALeftoverWhoseCommandLineNamesTheDataDirectory() throws Exception {
    Path signature = dataDir.resolve("temporal.db");
    process = startSleeper(signature.toString());
    PidFile pidFile = new PidFile(dataDir.resolve("server.pid"), signature.toString());
    pidFile.write(process.pid());

    boolean stopped = pidFile.stopLeftover(Duration.ofSeconds(10));

    assertThat(stopped).isTrue();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("stopped").isTrue();
    assertThat(pidFile.file()).doesNotExist();
  }

  @Test
  void shouldLeaveAloneAProcessThatReusedThePid() throws Exception {
    process = startSleeper("somebody-else");
    PidFile pidFile = new PidFile(dataDir.resolve("server.pid"), dataDir.resolve("x").toString());
    pidFile.write(process.pid());

    boolean stopped = pidFile.stopLeftover(Duration.ofSeconds(10));

    assertThat(stopped).isFalse();
    assertThat(process.isAlive()).as("somebody else's process runs on").isTrue();
    assertThat(pidFile.file()).as("the stale file is gone").doesNotExist();
  }

  @Test
  void shouldDoNothingWithoutAPidFileOrWithAGarbledOne() throws Exception {
    PidFile missing = new PidFile(dataDir.resolve("none.pid"), "x");
    PidFile garbled = new PidFile(dataDir.resolve("garbled.pid"), "x");
    Files.writeString(garbled.file(), "not a pid");

    assertThat(missing.stopLeftover(Duration.ofSeconds(1))).isFalse();
    assertThat(garbled.stopLeftover(Duration.ofSeconds(1))).isFalse();
    assertThat(garbled.file()).doesNotExist();
  }

  /** A process whose command line holds {@code argument}: the shell's {@code $0}. */
  private static Process startSleeper(String argument) throws Exception {
    return new ProcessBuilder("/bin/sh", "-c", "sleep 300", argument).start();
  }
}
