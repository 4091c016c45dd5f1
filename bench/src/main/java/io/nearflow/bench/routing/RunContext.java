package io.nearflow.bench.routing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Where and how a benchmark run happened, for the report: machine, JVM, the command that was
 * run, and the load average before and after (other processes share this machine's cores, and
 * the numbers can only be read in that light).
 */
record RunContext(String cpu, int cores, String jvm, String os, String command, Instant started,
    String loadBefore, String loadAfter, Duration took) {

  static RunContext capture() {
    return new RunContext(cpuModel(), Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        ProcessHandle.current().info().commandLine().orElse("(unknown)"),
        Instant.now(), loadAverage(), "", Duration.ZERO);
  }

  RunContext finished(Duration duration) {
    return new RunContext(cpu, cores, jvm, os, command, started, loadBefore, loadAverage(), duration);
  }

  private static String cpuModel() {
    return firstLine(Path.of("/proc/cpuinfo"), "model name").replaceFirst("^model name\\s*:\\s*", "");
  }

  /** 1, 5 and 15 minute load averages, from /proc/loadavg where there is one. */
  private static String loadAverage() {
    String line = firstLine(Path.of("/proc/loadavg"), "");
    String[] parts = line.split(" ");
    return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "(unknown)";
  }

  private static String firstLine(Path file, String prefix) {
    try {
      return Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix)).findFirst().orElse("(unknown)");
    } catch (IOException | RuntimeException e) {
      return "(unknown)";
    }
  }
}
