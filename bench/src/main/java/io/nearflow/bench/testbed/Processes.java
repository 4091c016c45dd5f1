package io.nearflow.bench.testbed;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every child process the bench started, so the shutdown hook can end exactly those (by pid). */
final class Processes {
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  private Processes() {}

  static void track(Process p) {
    LIVE.add(p);
  }

  static void untrack(Process p) {
    LIVE.remove(p);
  }

  static void killAll() {
    for (Process p : LIVE) {
      p.destroy();
    }
    for (Process p : LIVE) {
      try {
        if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
      }
    }
    LIVE.clear();
  }
}
