package org.ordersystem.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporalServerLogTest {

  @Test
  void shouldSayWhyTheServerStoppedSoALostPortCanBeToldApart(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("temporal-dev-server.log");
    Files.writeString(
        log,
        "{\"level\":\"INFO\",\"message\":\"starting\"}\n"
            + "{\"level\":\"FATAL\",\"message\":\"listen tcp 127.0.0.1:45595: bind: address already"
            + " in use\"}\n\n");

    String said = TemporalServer.lastLine(log);

    assertThat(said).contains("address already in use");
    assertThat(FreePorts.portTaken(new java.io.IOException("exited with 1: " + said))).isTrue();
  }

  @Test
  void shouldSaySoWhenThereIsNoLog(@TempDir Path dir) {
    assertThat(TemporalServer.lastLine(dir.resolve("missing.log"))).contains("could not be read");
  }
}
