package io.nearflow.bench.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every child process the bench started, so the shutdown hook can end exactly those (by pid).
 * A child may itself start processes (the across-JVM micro driver starts two node JVMs): those
 * are ended too, by pid, once their parent is gone, so a parent killed before its own clean-up
 * ran leaves nothing behind. A parent that died abruptly no longer has descendants (its children
 * were re-parented), so such a parent also lists what it starts in a pid file ({@link #list},
 * {@link #endListed}).
 */
final class Processes {
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
  /** The module flags every node JVM needs (the jar's manifest carries them; a -cp launch does not). */
  static final List<String> MODULE_FLAGS = List.of(
      "--add-modules", "java.se",
      "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens", "java.management/sun.management=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

  private Processes() {}

  static void track(Process p) {
    LIVE.add(p);
  }

  static void untrack(Process p) {
    LIVE.remove(p);
  }

  /** SIGTERM, SIGKILL after {@code graceMs}, then SIGKILL for any of its descendants still alive. */
  static void end(Process p, long graceMs) {
    List<ProcessHandle> descendants = p.descendants().toList();
    p.destroy();
    awaitOrKill(p, graceMs);
    killLeft(descendants);
    untrack(p);
  }

  static void killAll() {
    List<ProcessHandle> descendants = new ArrayList<>();
    for (Process p : LIVE) {
      descendants.addAll(p.descendants().toList());
      p.destroy();
    }
    for (Process p : LIVE) {
      awaitOrKill(p, 10_000);
    }
    killLeft(descendants);
    LIVE.clear();
  }

  /** Appends {@code pid marker} to {@code pidFile}; the marker is a string only that process's command line holds. */
  static void list(Path pidFile, Process p, String marker) throws IOException {
    Files.writeString(pidFile, p.pid() + " " + marker + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /**
   * Ends every process listed in {@code pidFile} that is still alive and whose command line still
   * holds its marker (so a recycled pid is never hit); a no-op when the file does not exist.
   */
  static void endListed(Path pidFile) throws IOException {
    if (!Files.exists(pidFile)) {
      return;
    }
    List<ProcessHandle> ours = new ArrayList<>();
    for (String line : Files.readAllLines(pidFile)) {
      int sp = line.indexOf(' ');
      if (sp <= 0) {
        continue;
      }
      String marker = line.substring(sp + 1);
      ProcessHandle.of(Long.parseLong(line.substring(0, sp))).filter(ProcessHandle::isAlive)
          .filter(h -> h.info().commandLine().map(c -> c.contains(marker)).orElse(false)).ifPresent(ours::add);
    }
    for (ProcessHandle h : ours) {
      h.destroy();
    }
    for (ProcessHandle h : ours) {
      try {
        h.onExit().get(20, TimeUnit.SECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    }
  }

  private static void awaitOrKill(Process p, long graceMs) {
    try {
      if (!p.waitFor(graceMs, TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The parent had its chance to end them gracefully; whatever is left now is an orphan. */
  private static void killLeft(List<ProcessHandle> descendants) {
    for (ProcessHandle h : descendants) {
      if (h.isAlive()) {
        h.destroyForcibly();
      }
    }
  }
}
