package org.ordersystem.embeddeddb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMariaDbIntegrationTest {

  @TempDir Path dataDir;

  @Test
  void shouldKeepRowsAcrossRestartsOnTheSameDataDir() throws SQLException {
    try (EmbeddedMariaDb db = EmbeddedMariaDb.start(dataDir, 0)) {
      assertThat(db.port()).isPositive();
      try (Connection c = connect(db, "kept");
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE fruit (name VARCHAR(20) PRIMARY KEY) ENGINE=InnoDB");
        s.execute("INSERT INTO fruit VALUES ('apple'), ('pear')");
      }
    }

    try (EmbeddedMariaDb db = EmbeddedMariaDb.start(dataDir, 0)) {
      assertThat(names(db, "kept")).containsExactly("apple", "pear");
    }
  }

  @Test
  void shouldInstallAgainOverTheRemainsOfAnInterruptedInstall() throws Exception {
    Files.createDirectories(dataDir.resolve("data/mysql"));
    Files.writeString(dataDir.resolve("data/mysql/half-written.frm"), "junk");

    try (EmbeddedMariaDb db = EmbeddedMariaDb.start(dataDir, 0);
        Connection c = connect(db, "after_crash");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
    }
  }

  @Test
  void shouldRefuseToWipeADataDirectoryHoldingDatabasesItDidNotInstall() throws Exception {
    Files.createDirectories(dataDir.resolve("data/shop"));
    Files.writeString(dataDir.resolve("data/shop/orders.ibd"), "precious");

    assertThatThrownBy(() -> EmbeddedMariaDb.start(dataDir, 0))
        .isInstanceOf(IllegalStateException.class)
        .rootCause()
        .hasMessageContaining("holds databases but was not installed here");
    assertThat(dataDir.resolve("data/shop/orders.ibd")).hasContent("precious");
  }

  @Test
  void shouldRefuseAPortInUseBeforeStartingAnything() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> EmbeddedMariaDb.start(dataDir, port))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("port " + port)
          .hasMessageContaining("already in use")
          .hasCauseInstanceOf(BindException.class);
      assertThat(dataDir.resolve("mariadb")).as("nothing unpacked").doesNotExist();
    }
  }

  @Test
  void shouldShareOneServerPerJvm() throws SQLException {
    EmbeddedMariaDb db = EmbeddedMariaDb.shared();

    assertThat(EmbeddedMariaDb.shared()).isSameAs(db);
    try (Connection c = connect(db, "shared_check");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT VERSION()")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).contains("MariaDB");
    }
  }

  private static Connection connect(EmbeddedMariaDb db, String database) throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(database), db.user(), db.password());
  }

  private static List<String> names(EmbeddedMariaDb db, String database) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = connect(db, database);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name FROM fruit ORDER BY name")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }
}
