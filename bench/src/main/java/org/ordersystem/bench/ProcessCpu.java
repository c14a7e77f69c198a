package org.ordersystem.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU seconds (user + system) that named processes have used, read from {@code /proc/<pid>/stat}.
 * The difference of two readings around a step, divided by its orders, is CPU per order.
 */
public final class ProcessCpu {

  private final Map<String, Long> pids;
  private final double ticksPerSecond;

  /**
   * @param pids process name to pid, such as {@code api -> 1234}
   * @param ticksPerSecond the kernel's clock ticks per second ({@code getconf CLK_TCK})
   */
  public ProcessCpu(Map<String, Long> pids, double ticksPerSecond) {
    this.pids = new LinkedHashMap<>(pids);
    this.ticksPerSecond = ticksPerSecond;
  }

  /** CPU seconds used so far by each process; a process that is gone reads as NaN. */
  public Map<String, Double> read() {
    Map<String, Double> seconds = new LinkedHashMap<>();
    pids.forEach((name, pid) -> seconds.put(name, secondsOf(pid)));
    return seconds;
  }

  /** {@code after - before}, per process. */
  public static Map<String, Double> difference(
      Map<String, Double> before, Map<String, Double> after) {
    Map<String, Double> used = new LinkedHashMap<>();
    before.forEach((name, b) -> used.put(name, after.getOrDefault(name, Double.NaN) - b));
    return used;
  }

  private double secondsOf(long pid) {
    try {
      return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))) / ticksPerSecond;
    } catch (IOException e) {
      return Double.NaN;
    }
  }

  /**
   * utime + stime of a {@code /proc/<pid>/stat} line (fields 14 and 15). The command name in field
   * 2 may hold spaces and parentheses, so fields are counted after its last ')'.
   */
  static long ticks(String stat) {
    String[] rest = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    // rest[0] is field 3 (state): utime is field 14, stime field 15.
    return Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
  }
}
