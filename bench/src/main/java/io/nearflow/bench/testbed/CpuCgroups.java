package io.nearflow.bench.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * EMULATION of each host's CPU budget with cgroup v1 CFS quotas: one group per emulated host
 * under {@code /sys/fs/cgroup/cpu/nearflow-bench-<pid>/<host>}. Steps that share a host compete for
 * its quota as they did on the article's small VMs. {@link #available()} is false when the v1
 * cpu controller is missing or not writable; then everything runs without a budget.
 */
public final class CpuCgroups implements AutoCloseable {
  public static final Path ROOT = Path.of("/sys/fs/cgroup/cpu");
  private final Path base;
  private final boolean available;
  private final Map<String, Path> groups = new ConcurrentHashMap<>();
  private final long periodUs;
  private volatile long quotaUs = -1;

  public CpuCgroups(long periodUs) {
    this.periodUs = periodUs;
    this.base = ROOT.resolve("nearflow-bench-" + ProcessHandle.current().pid());
    boolean ok = false;
    try {
      if (Files.isRegularFile(ROOT.resolve("cpu.cfs_quota_us"))) {
        Files.createDirectories(base);
        ok = Files.isRegularFile(base.resolve("cpu.cfs_quota_us"));
      }
    } catch (IOException | SecurityException e) {
      System.err.println("bench: cgroup v1 cpu controller not usable (" + e + "); hosts run without a CPU budget");
    }
    this.available = ok;
  }

  public boolean available() {
    return available;
  }

  public Path group(String host) {
    return groups.computeIfAbsent(host, h -> {
      Path g = base.resolve(h);
      if (available) {
        try {
          Files.createDirectories(g);
          write(g.resolve("cpu.cfs_period_us"), periodUs);
          write(g.resolve("cpu.cfs_quota_us"), quotaUs);
        } catch (IOException e) {
          throw new IllegalStateException("cannot set up cgroup " + g + ": " + e, e);
        }
      }
      return g;
    });
  }

  /** Sets every host's quota (µs per period; -1 = no limit). */
  public void setQuota(long us) {
    quotaUs = us;
    if (!available) {
      return;
    }
    for (Path g : groups.values()) {
      try {
        write(g.resolve("cpu.cfs_quota_us"), us);
      } catch (IOException e) {
        throw new IllegalStateException("cannot set quota on " + g + ": " + e, e);
      }
    }
  }

  public void add(String host, long pid) {
    if (!available) {
      return;
    }
    try {
      write(group(host).resolve("cgroup.procs"), pid);
    } catch (IOException e) {
      System.err.println("bench: cannot move pid " + pid + " into " + group(host) + ": " + e);
    }
  }

  /** Shell prefix that moves the started process into the host's group before it execs. */
  public List<String> wrap(String host, List<String> command) {
    if (!available) {
      return command;
    }
    List<String> out = new ArrayList<>(List.of("sh", "-c", "echo $$ > '" + group(host).resolve("cgroup.procs") + "' && exec \"$@\"", "sh"));
    out.addAll(command);
    return out;
  }

  public long periodUs() {
    return periodUs;
  }

  public long quotaUs() {
    return quotaUs;
  }

  private static void write(Path f, long v) throws IOException {
    Files.writeString(f, Long.toString(v));
  }

  /** Moves any remaining task to the root group and removes the groups. */
  @Override
  public void close() {
    if (!available) {
      return;
    }
    for (Path g : groups.values()) {
      try {
        for (String pid : Files.readAllLines(g.resolve("cgroup.procs"))) {
          if (!pid.isBlank()) {
            try {
              Files.writeString(ROOT.resolve("cgroup.procs"), pid.trim());
            } catch (IOException ignored) {
              // gone
            }
          }
        }
        Files.deleteIfExists(g);
      } catch (IOException e) {
        System.err.println("bench: cannot remove cgroup " + g + ": " + e);
      }
    }
    groups.clear();
    try {
      Files.deleteIfExists(base);
    } catch (IOException e) {
      System.err.println("bench: cannot remove cgroup " + base + ": " + e);
    }
  }
}
