package io.nearflow.bench.testbed;

import io.nearflow.cli.Logs;
import io.nearflow.data.DataUnit;
import io.nearflow.demo.DemoWorkload;
import io.nearflow.demo.Percentiles;
import io.nearflow.node.NearflowNode;
import io.nearflow.protocol.Addresses;
import io.nearflow.protocol.StartRun;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Micro case: a 4-step chain of {@code echo} steps on 1 KiB units, no CPU budget, no link
 * EMULATION, on three nodes (paper topology, one host per zone) laid out either in ONE JVM
 * ({@link MicroNodes#oneJvm}, an {@link io.nearflow.node.EmbeddedCluster}) or across three JVMs
 * ({@link MicroJvms}: this JVM hosts edge1-a, two child JVMs the others), so the cost of crossing
 * process boundaries shows next to the in-process figure with the same load generator.
 * Saturation: a closed loop keeps {@code concurrency} runs in flight for a fixed time and counts
 * completed hops per second. Half load: an open loop starts runs at half the saturated hop rate
 * and reports the hops' control time (total - data - compute, from the work tracker's hop
 * records). Arguments: outFile warmupSec (the least; see {@link #warmUp}) measureSec concurrency slots
 * [jvms: 1 (default) or 3].
 */
public final class MicroBench {
  private static final DeliveryOptions CALL = new DeliveryOptions().setSendTimeout(60_000);
  private static final String WORKFLOW = "name: echo4\nsteps:\n  - {name: e1, type: echo}\n  - {name: e2, type: echo}\n"
      + "  - {name: e3, type: echo}\n  - {name: e4, type: echo}\n";
  private static final int HOPS_PER_RUN = 4;

  private MicroBench() {}

  public static void main(String[] args) throws Exception {
    Logs.setup();
    Path outFile = Path.of(args[0]);
    int warmupSec = Integer.parseInt(args[1]);
    int measureSec = Integer.parseInt(args[2]);
    int concurrency = Integer.parseInt(args[3]);
    int slots = Integer.parseInt(args[4]);
    int jvms = args.length > 5 ? Integer.parseInt(args[5]) : 1;
    // the across-JVM layout starts node JVMs: end them however this JVM ends
    Runtime.getRuntime().addShutdownHook(new Thread(Processes::killAll, "micro-cleanup"));
    Path root = Files.createTempDirectory("nearflow-bench-micro-");
    int code = 0;
    MicroNodes nodes = null;
    try {
      nodes = jvms == 1 ? MicroNodes.oneJvm(root.resolve("nodes"), slots) : MicroJvms.start(root.resolve("nodes"), slots);
      JsonObject result = measure(nodes, root, warmupSec, measureSec, concurrency);
      result.put("setup", nodes.describe().put("slotsPerNode", slots).put("workflow", "echo4 (4 echo steps)")
          .put("unitBytes", 1024).put("warmupSec", warmupSec).put("measureSec", measureSec));
      Files.writeString(outFile, result.encodePrettily());
    } catch (Exception e) {
      e.printStackTrace();
      if (nodes instanceof MicroJvms m) {
        System.err.println(m.logTails());
      }
      code = 1;
    } finally {
      try {
        if (nodes != null) {
          nodes.close();
        }
      } finally {
        Processes.killAll();
      }
      Testbed.deleteTree(root);
    }
    System.exit(code);
  }

  /** Warm-up, the saturation sweep, then half load; returns {saturation, halfLoad}. */
  static JsonObject measure(MicroNodes nodes, Path root, int warmupSec, int measureSec, int concurrency) throws Exception {
    NearflowNode entry = nodes.entry();
    entry.vertx().eventBus().<JsonObject>request(Addresses.WORKFLOWS, new JsonObject().put("action", "register")
        .put("content", WORKFLOW).put("source", "echo4.yaml")).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    List<DataUnit> inputs = nodes.inject(root.resolve("inject"), 2, 1024);
    JsonObject warmup = warmUp(entry, inputs, concurrency, warmupSec);
    // saturation = the best throughput over a small sweep of runs in flight (too many in flight
    // only adds queueing; too few leaves slots idle)
    JsonObject sat = null;
    io.vertx.core.json.JsonArray sweep = new io.vertx.core.json.JsonArray();
    for (int c : new int[] {Math.max(1, concurrency / 4), Math.max(1, concurrency / 2), concurrency}) {
      List<JsonObject> satRuns = Collections.synchronizedList(new ArrayList<>());
      long t0 = System.nanoTime();
      double cpu0 = ProcessCpu.totalMs();
      long segs0 = TcpSegments.sent();
      int hops = closedLoop(entry, inputs, c, measureSec * 1000L, satRuns);
      long segs = TcpSegments.sent() - segs0;
      double segsPerHop = hops == 0 || segs0 < 0 ? 0 : Percentiles.round((double) segs / hops);
      double sec = (System.nanoTime() - t0) / 1e9;
      double cpuMs = ProcessCpu.totalMs() - cpu0;
      double cpuPerHop = hops == 0 ? 0 : Percentiles.round(cpuMs / hops);
      double cores = Percentiles.round(cpuMs / 1000 / sec);
      JsonObject point = stats(satRuns).put("hops", hops).put("seconds", sec).put("hopsPerSec", hops / sec).put("concurrency", c)
          .put("cpuMsPerHop", cpuPerHop).put("coresUsed", cores).put("tcpSegmentsPerHop", segsPerHop);
      sweep.add(new JsonObject().put("concurrency", c).put("hopsPerSec", hops / sec).put("cpuMsPerHop", cpuPerHop)
          .put("coresUsed", cores).put("tcpSegmentsPerHop", segsPerHop));
      System.err.printf("micro: %d in flight: %.0f hops/s, %.2f ms CPU per hop (%.2f cores, all nodes and the driver), "
          + "%.1f TCP segments per hop%n", c, hops / sec, cpuPerHop, cores, segsPerHop);
      if (sat == null || point.getDouble("hopsPerSec") > sat.getDouble("hopsPerSec")) {
        sat = point;
      }
    }
    sat.put("sweep", sweep);
    double hopsPerSec = sat.getDouble("hopsPerSec");
    double runsPerSec = hopsPerSec / HOPS_PER_RUN / 2;
    List<JsonObject> halfRuns = openLoop(entry, inputs, runsPerSec, measureSec * 1000L);
    JsonObject half = stats(halfRuns).put("runsPerSec", runsPerSec).put("hopsPerSecOffered", runsPerSec * HOPS_PER_RUN);
    return new JsonObject().put("saturation", sat).put("halfLoad", half).put("warmup", warmup);
  }

  /**
   * Closed-loop load until the JIT has settled: at least {@code minSec}, then 5 s rounds until a
   * round spends under 5% of its time compiling (this JVM's JIT; in the across-JVM layout the
   * node JVMs run the same code under the same load), at most {@code bench.microMaxWarmupSec}
   * (default 4 x minSec). With three nodes in one JVM the C2 compiler was still busy a minute in,
   * and figures taken before that measure the compiler as much as Nearflow.
   */
  private static JsonObject warmUp(NearflowNode entry, List<DataUnit> inputs, int concurrency, int minSec) throws Exception {
    int maxSec = Integer.getInteger("bench.microMaxWarmupSec", 4 * minSec);
    java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
    long start = System.nanoTime();
    closedLoop(entry, inputs, concurrency, minSec * 1000L, null);
    double share = 1;
    while ((System.nanoTime() - start) / 1e9 < maxSec) {
      long jit0 = jit.getTotalCompilationTime();
      long t0 = System.nanoTime();
      closedLoop(entry, inputs, concurrency, 5_000, null);
      share = (jit.getTotalCompilationTime() - jit0) / ((System.nanoTime() - t0) / 1e6);
      System.err.printf("micro: warm-up %.0f s, JIT busy %.0f%% of the last round%n", (System.nanoTime() - start) / 1e9, share * 100);
      if (share < 0.05) {
        break;
      }
    }
    return new JsonObject().put("seconds", Percentiles.round((System.nanoTime() - start) / 1e9))
        .put("jitShareLastRound", Percentiles.round(share)).put("minSec", minSec).put("maxSec", maxSec);
  }

  private static JsonObject stats(List<JsonObject> runs) {
    List<Double> control = new ArrayList<>();
    List<Double> afterRouting = new ArrayList<>();
    List<Double> data = new ArrayList<>();
    List<Double> compute = new ArrayList<>();
    List<Double> total = new ArrayList<>();
    // where the control time goes, segment by segment along the hop's path (ms)
    List<Double> ready = new ArrayList<>();
    List<Double> toAgent = new ArrayList<>();
    List<Double> back = new ArrayList<>();
    int local = 0;
    int hops = 0;
    for (JsonObject r : runs) {
      for (Object o : r.getJsonArray("hops")) {
        JsonObject h = (JsonObject) o;
        if (!"SUCCEEDED".equals(h.getString("state"))) {
          continue;
        }
        hops++;
        JsonObject d = h.getJsonObject("durationsMs");
        // Control = everything from the hop being ready (its predecessor's outcome handled) to its
        // completion that is neither moving data nor computing: the run change that starts it,
        // routing, booking, dispatch, outcome. The hop record's own "control" starts at routing;
        // "queued" is ready -> routed, which at half load is no wait for capacity but bookkeeping.
        control.add(d.getDouble("control") + d.getDouble("queued", 0.0));
        afterRouting.add(d.getDouble("control"));
        data.add(d.getDouble("data"));
        compute.add(d.getDouble("compute"));
        total.add(d.getDouble("total"));
        JsonObject agent = h.getJsonObject("agent");
        long routedAt = h.getLong("routedAt");
        ready.add(d.getDouble("queued", 0.0));
        toAgent.add((agent.getLong("pullStart") - routedAt) / 1000.0);
        back.add((h.getLong("completedAt") - agent.getLong("pushEnd")) / 1000.0);
        String m = h.getString("pullMethod", "");
        if (m.equals("HARD_LINK") || m.equals("COPY")) {
          local++;
        }
      }
    }
    return new JsonObject().put("hopRecords", hops).put("localPulls", local)
        .put("controlMs", Percentiles.p50p99(arr(control))).put("controlAfterRoutingMs", Percentiles.p50p99(arr(afterRouting)))
        .put("dataMs", Percentiles.p50p99(arr(data)))
        .put("computeMs", Percentiles.p50p99(arr(compute))).put("totalMs", Percentiles.p50p99(arr(total)))
        .put("controlSegmentsMs", new JsonObject()
            .put("readyToRouted", Percentiles.p50p99(arr(ready)))
            .put("routedToAgentPull", Percentiles.p50p99(arr(toAgent)))
            .put("agentPushEndToCompleted", Percentiles.p50p99(arr(back))));
  }

  private static double[] arr(List<Double> l) {
    return l.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static Future<JsonObject> oneRun(NearflowNode via, DataUnit in) {
    // As the API does: at the scheduler of the zone the input is in.
    String address = io.nearflow.cluster.ZoneSchedulers.startRunAddress(via.view().snapshot(), via.config().topology(),
        in.locality().zone());
    return via.vertx().eventBus().<JsonObject>request(address, new StartRun("echo4", 0, in).toJson(), CALL)
        .compose(reply -> DemoWorkload.awaitEnd(via, reply.body().getString("runId")));
  }

  /** Keeps {@code concurrency} runs in flight for {@code ms}; returns hops completed by runs that ended in time. */
  private static int closedLoop(NearflowNode via, List<DataUnit> inputs, int concurrency, long ms, List<JsonObject> keep)
      throws Exception {
    long end = System.currentTimeMillis() + ms;
    AtomicInteger hops = new AtomicInteger();
    AtomicInteger live = new AtomicInteger();
    AtomicLong seq = new AtomicLong();
    java.util.concurrent.CountDownLatch drained = new java.util.concurrent.CountDownLatch(1);
    Runnable[] next = new Runnable[1];
    next[0] = () -> {
      if (System.currentTimeMillis() >= end) {
        if (live.decrementAndGet() == 0) {
          drained.countDown();
        }
        return;
      }
      oneRun(via, inputs.get((int) (seq.getAndIncrement() % inputs.size()))).onComplete(ar -> {
        if (ar.succeeded() && System.currentTimeMillis() < end) {
          hops.addAndGet(ar.result().getJsonArray("hops").size());
          if (keep != null && seq.get() % 4 == 0) {
            keep.add(ar.result());
          }
        }
        next[0].run();
      });
    };
    live.set(concurrency);
    for (int i = 0; i < concurrency; i++) {
      via.vertx().runOnContext(v -> next[0].run());
    }
    drained.await(ms + 120_000, TimeUnit.MILLISECONDS);
    return hops.get();
  }

  /** Starts runs at a fixed rate for {@code ms}; returns every run that ended. */
  private static List<JsonObject> openLoop(NearflowNode via, List<DataUnit> inputs, double runsPerSec, long ms)
      throws Exception {
    List<Future<JsonObject>> all = Collections.synchronizedList(new ArrayList<>());
    long intervalNanos = (long) (1e9 / runsPerSec);
    long start = System.nanoTime();
    long count = (long) (ms / 1000.0 * runsPerSec);
    for (long i = 0; i < count; i++) {
      EmulatedLinks.sleepUntil(start + i * intervalNanos);
      DataUnit in = inputs.get((int) (i % inputs.size()));
      via.vertx().runOnContext(v -> all.add(oneRun(via, in)));
    }
    Thread.sleep(500);
    Future.join(new ArrayList<>(all)).toCompletionStage().toCompletableFuture().get(180, TimeUnit.SECONDS);
    List<JsonObject> out = new ArrayList<>();
    for (Future<JsonObject> f : all) {
      if (f.succeeded()) {
        out.add(f.result());
      }
    }
    return out;
  }
}
