package io.nearflow.bench.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used by this JVM and every process it started (the micro case's child node JVMs),
 * read from /proc/&lt;pid&gt;/stat. CPU per hop is the micro case's figure that other load on the
 * machine disturbs least: throughput drops when another process takes the cores, the CPU each
 * hop costs changes much less.
 */
final class ProcessCpu {
  private static final double MS_PER_TICK = 10.0; // USER_HZ is 100 on Linux

  private ProcessCpu() {}

  /** Milliseconds of CPU (user + system) of this process and its live descendants. */
  static double totalMs() {
    double ms = ofPid(ProcessHandle.current().pid());
    for (ProcessHandle p : ProcessHandle.current().descendants().toList()) {
      ms += ofPid(p.pid());
    }
    return ms;
  }

  private static double ofPid(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * MS_PER_TICK; // utime, stime
    } catch (IOException | RuntimeException e) {
      return 0; // gone meanwhile, or no /proc: counted as nothing
    }
  }
}
