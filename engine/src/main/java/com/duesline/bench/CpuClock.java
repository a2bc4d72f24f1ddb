package com.duesline.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU seconds used by this JVM and by one other process (the PostgreSQL backend serving the
 * import's connection). On a shared, loaded machine wall time says more about the neighbours than
 * about the code; CPU time does not.
 */
final class CpuClock {
  private CpuClock() {}

  /** CPU seconds used by this JVM alone. */
  static double jvmSeconds() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L)
        / 1e9;
  }

  /** CPU seconds of one live process, from {@code /proc} (Linux), or NaN elsewhere. */
  static double processSeconds(long pid) {
    try {
      String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the parenthesised command start at field 3 (state); utime and stime are fields
      // 14 and 15.
      String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // USER_HZ is 100 on Linux
    } catch (Exception e) {
      return Double.NaN;
    }
  }
}
