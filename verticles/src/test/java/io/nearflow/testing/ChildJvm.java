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

  /**
   * SIGSTOP: the process freezes with its sockets open, like a host that stops answering without
   * closing its connections (peers see timeouts, not refused connections).
   */
  public void suspend() {
    signal("STOP");
  }

  /** SIGCONT: a process frozen by {@link #suspend()} carries on where it stopped. */
  public void resume() {
    signal("CONT");
  }

  private void signal(String name) {
    try {
      Process p = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed: " + out);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling " + process.pid(), e);
    }
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
