package io.nearflow.bench.testbed;

import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The ephemeral-step baseline: a MODEL of Argo-style execution, built in the bench (not Argo).
 * Every hop is a fresh process ({@link EphemeralStepProcess}, a new JVM) started in a host of the
 * zone the step runs in (steps 1-3 in the data's zone, i.e. Argo with region locality; step 4 in
 * cloud1), inside that host's CPU cgroup. Data passes through each zone's shared store (copy in,
 * copy out); the step-4 input crosses the emulated edge->cloud1 link into cloud1's store. The
 * controller notices a finished step only when it polls, every second (the setting the article
 * gave Argo), and only then starts the next step. Pod scheduling, image pulls and the Kubernetes
 * API are not modelled, so this model is a lower bound for Argo's per-step overhead.
 */
final class EphemeralModel {
  static final long POLL_MS = 1_000;

  private final Path root;
  private final CpuCgroups cgroups;
  private final EmulatedLinks links;
  private final Map<String, Integer> nextHost = new ConcurrentHashMap<>();

  EphemeralModel(Path root, CpuCgroups cgroups, EmulatedLinks links) {
    this.root = root;
    this.cgroups = cgroups;
    this.links = links;
  }

  private final class Unit {
    final String zone;
    final String id;
    int step; // 1..4 being run
    volatile Process process;
    volatile Throwable error;
    volatile Path log;
    long hopStartMs;
    volatile double crossMs;
    volatile Path input;
    boolean done;
    long endMs;

    Unit(String zone, String id, Path input) {
      this.zone = zone;
      this.id = id;
      this.input = input;
    }
  }

  CaseRun run(List<String> injectZones, int files, int size, long seed, int steps) throws Exception {
    Random random = new Random(seed);
    List<Unit> units = new ArrayList<>();
    for (String zone : injectZones) {
      Path store = store(zone);
      for (int i = 0; i < files; i++) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        Path f = store.resolve("u" + seed + "-" + zone + "-" + i + "-s0.bin");
        Files.write(f, b);
        units.add(new Unit(zone, "u" + seed + "-" + zone + "-" + i, f));
      }
    }
    links.resetCounters();
    CaseRun out = new CaseRun();
    ExecutorService transfers = Executors.newCachedThreadPool();
    long t0 = System.currentTimeMillis();
    try {
      for (Unit u : units) {
        launch(u, 1, transfers, out);
      }
      long deadline = t0 + 15 * 60_000L;
      // The controller: wakes every POLL_MS, notices finished steps, starts the next ones.
      while (units.stream().anyMatch(u -> !u.done)) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("ephemeral model: runs still open after 15 min");
        }
        Thread.sleep(POLL_MS);
        long now = System.currentTimeMillis();
        for (Unit u : units) {
          if (u.error != null) {
            throw new IllegalStateException("ephemeral model: cross-zone copy failed: " + u.error, u.error);
          }
          if (u.done || u.process == null || u.process.isAlive()) {
            continue;
          }
          Processes.untrack(u.process);
          JsonObject t = timings(u.log);
          if (u.process.exitValue() != 0 || t == null) {
            throw new IllegalStateException("ephemeral step failed (exit " + u.process.exitValue() + "): " + Files.readString(u.log));
          }
          double total = now - u.hopStartMs;
          double data = t.getDouble("copyInMs") + t.getDouble("copyOutMs") + u.crossMs;
          double compute = t.getDouble("computeMs");
          JsonObject hop = new JsonObject().put("step", "shuffle" + u.step).put("instanceZone", stepZone(u))
              .put("instanceHost", "ephemeral@" + stepZone(u)).put("pullMethod", u.crossMs > 0 ? "REMOTE" : "COPY")
              .put("durationsMs", new JsonObject().put("total", total).put("data", data).put("compute", compute)
                  .put("pull", t.getDouble("copyInMs") + u.crossMs).put("control", Math.max(0, total - data - compute)));
          out.addHop(hop);
          Path produced = store(stepZone(u)).resolve(u.id + "-s" + u.step + ".bin");
          u.input = produced;
          u.process = null;
          if (u.step == steps) {
            u.done = true;
            u.endMs = now;
            out.runsSucceeded++;
          } else {
            launch(u, u.step + 1, transfers, out);
          }
        }
      }
    } finally {
      transfers.shutdownNow();
      for (Unit u : units) {
        if (u.process != null && u.process.isAlive()) {
          u.process.destroyForcibly();
        }
      }
    }
    out.makespanMs = units.stream().mapToLong(u -> u.endMs).max().orElse(t0) - t0;
    out.crossZoneBytes = links.crossZoneBytes();
    out.bytesByLink = links.bytesByDirection();
    return out;
  }

  private String stepZone(Unit u) {
    return u.step == 4 ? "cloud1" : u.zone;
  }

  /** Starts step {@code step} of the unit (after the cross-zone artifact copy for step 4). */
  private void launch(Unit u, int step, ExecutorService transfers, CaseRun out) throws Exception {
    u.step = step;
    u.hopStartMs = System.currentTimeMillis();
    u.crossMs = 0;
    String zone = stepZone(u);
    if (!u.input.startsWith(store(zone))) {
      // the step-4 pod fetches its artifact across the emulated link, then runs (in parallel per unit)
      Path target = store(zone).resolve(u.input.getFileName());
      Path source = u.input;
      transfers.submit(() -> {
        try {
          long c0 = System.nanoTime();
          try (InputStream in = Files.newInputStream(source); OutputStream o = Files.newOutputStream(target)) {
            links.copyAcross(u.zone, zone, in, o);
          }
          u.crossMs = (System.nanoTime() - c0) / 1e6;
          u.input = target;
          start(u, step, zone);
        } catch (Throwable e) {
          u.error = e;
        }
      });
      return;
    }
    start(u, step, zone);
  }

  private void start(Unit u, int step, String zone) throws Exception {
    int h = nextHost.merge(zone, 1, Integer::sum) % 2;
    String host = zone + "-" + (char) ('a' + h);
    Path work = root.resolve("work").resolve(host).resolve(u.id + "-s" + step);
    Path output = store(zone).resolve(u.id + "-s" + step + ".bin");
    Path log = root.resolve("logs").resolve(u.id + "-s" + step + ".log");
    Files.createDirectories(log.getParent());
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-XX:+UseSerialGC", "-XX:CICompilerCount=2", "-cp", System.getProperty("java.class.path"),
        EphemeralStepProcess.class.getName(), u.input.toString(), output.toString(), work.toString()));
    Process p = new ProcessBuilder(cgroups.wrap(host, cmd)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Processes.track(p);
    u.log = log;
    u.process = p;
  }

  private Path store(String zone) throws java.io.IOException {
    Path s = root.resolve("stores").resolve(zone);
    Files.createDirectories(s);
    return s;
  }

  private static JsonObject timings(Path log) throws java.io.IOException {
    for (String line : Files.readAllLines(log)) {
      if (line.startsWith("TIMINGS ")) {
        return new JsonObject(line.substring(8));
      }
    }
    return null;
  }
}
