package com.duesline.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU seconds used by this JVM and every process under it (the embedded PostgreSQL and its
 * backends, including exited ones reaped by the postmaster). On a shared, loaded machine wall time
 * says more about the neighbours than about the code; CPU time does not.
 */
final class CpuClock {
  private CpuClock() {}

  /** Total CPU seconds so far, or NaN where {@code /proc} is not available. */
  static double seconds() {
    double total = ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9;
    try {
      for (ProcessHandle p : ProcessHandle.current().descendants().toList()) {
        Path stat = Path.of("/proc", Long.toString(p.pid()), "stat");
        if (!Files.exists(stat)) continue;
        String s = Files.readString(stat);
        // Fields after the parenthesised command: state is field 3, utime/stime/cutime/cstime are 14..17.
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        total += ticks / 100.0; // USER_HZ is 100 on Linux
      }
      return total;
    } catch (Exception e) {
      return Double.NaN;
    }
  }
}
