package io.nearflow.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts {@code io.nearflow.Main} in a separate JVM with the test's class path: the same code a
 * user runs from the jar, as a real process that can be signalled and killed. Output goes to a
 * log file so tests can read what the process said.
 */
public final class ChildJvm implements AutoCloseable {
  private static final List<String> HAZELCAST_FLAGS = List.of(
      "--add-modules", "java.se",
      "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens", "java.management/sun.management=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

  private final Process process;
  private final Path log;

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  public static ChildJvm start(Path log, Map<String, String> env, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(HAZELCAST_FLAGS);
    cmd.add("-Xmx256m");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-Djava.net.preferIPv4Stack=true");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.nearflow.Main");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("NEARFLOW_"));
    pb.environment().putAll(env);
    return new ChildJvm(pb.start(), log);
  }

  public Process process() {
    return process;
  }

  public long pid() {
    return process.pid();
  }

  public String output() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** SIGKILL: the process gets no chance to leave the cluster. */
  public void kill() {
    process.destroyForcibly();
  }

  /** SIGTERM: the node's shutdown hook leaves the cluster gracefully. */
  public void terminate() {
    process.destroy();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  public static String classPathSeparator() {
    return File.pathSeparator;
  }
}
