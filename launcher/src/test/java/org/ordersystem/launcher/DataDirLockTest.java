package org.ordersystem.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {

  @TempDir Path dataDir;

  @Test
  void shouldRefuseASecondLauncherOnTheSameDataDirectory() throws Exception {
    try (DataDirLock first = DataDirLock.acquire(dataDir)) {
      assertThatThrownBy(() -> DataDirLock.acquire(dataDir))
          .isInstanceOf(CannotStart.class)
          .hasMessageContaining("Another local stack (pid " + ProcessHandle.current().pid() + ")")
          .hasMessageContaining(dataDir.toString())
          .hasMessageContaining("ORDERS_DATA_DIR");
    }
  }

  @Test
  void shouldBeFreeAgainOnceTheHolderLetGo() throws Exception {
    DataDirLock.acquire(dataDir).close();

    try (DataDirLock again = DataDirLock.acquire(dataDir)) {
      assertThat(dataDir.resolve(DataDirLock.FILE_NAME)).exists();
    }
  }
}
