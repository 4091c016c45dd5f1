package io.nearflow.bench.testbed;

import io.nearflow.demo.Percentiles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The measurements on the WAN EMULATION ({@link WanMain} starts this JVM in edge1's namespace: the
 * client is an edge1 user). Three cases on the current design, written to summary.json and
 * report.md: an edge1-local 4-step echo chain with the link delays on and at zero (same relay);
 * shuffle4 with 3 x 1 MiB per edge zone; edge1 cut off (120 s by default) under a steady stream of
 * edge1-local runs and a smaller stream of runs whose last step runs in cloud1, then healed (issue 11's
 * figures: rates before / during the cut, runs SUCCEEDED, duplicate final outputs, slots left booked,
 * outbox drain).
 */
public final class WanDriver {
  static final String LOCAL_WF = "edgelocal4";
  static final String LOCAL_YAML = "name: edgelocal4\ndescription: Four echo steps, all placed in edge1 (WAN bench).\nsteps:\n"
      + "  - {name: e1, type: echo, placement: {zones: [edge1]}}\n"
      + "  - {name: e2, type: echo, placement: {zones: [edge1]}}\n"
      + "  - {name: e3, type: echo, placement: {zones: [edge1]}}\n"
      + "  - {name: e4, type: echo, placement: {zones: [edge1]}}\n";
  /** The partition case's second stream: data entered in edge1, steps 1-2 in edge1, the last step in cloud1. */
  static final String CROSS_WF = "edge1cloud3";
  static final String CROSS_YAML = "name: edge1cloud3\ndescription: Two echo steps in edge1, the last one in cloud1 (WAN bench).\nsteps:\n"
      + "  - {name: e1, type: echo, placement: {zones: [edge1]}}\n"
      + "  - {name: e2, type: echo, placement: {zones: [edge1]}}\n"
      + "  - {name: c3, type: echo, placement: {zones: [cloud1]}}\n";

  private final JsonObject plan;
  private final WanClient client;
  private final Random random = new Random(11);

  private WanDriver(JsonObject plan) {
    this.plan = plan;
    this.client = new WanClient(plan);
  }

  public static void main(String[] args) throws Exception {
    JsonObject plan = new JsonObject(Files.readString(Path.of(args[0])));
    WanDriver d = new WanDriver(plan);
    boolean full = plan.getString("mode").equals("full");
    long t0 = System.currentTimeMillis();
    JsonObject wan = new JsonObject();
    JsonObject partition = new JsonObject();
    JsonObject errors = new JsonObject();
    try {
      d.client.registerWorkflow("edge1-a", LOCAL_YAML);
      d.client.registerWorkflow("edge1-a", CROSS_YAML);
      d.client.registerWorkflow("edge1-a", BenchMain.shuffle4());
    } catch (Exception e) {
      BenchMain.log("cannot register the workflows: " + e);
      System.exit(1);
    }
    try {
      wan.put("calibration", d.calibrate());
    } catch (Exception e) {
      errors.put("calibration", String.valueOf(e));
    }
    List<String> cases = List.of(System.getProperty("bench.wan.cases", "local,shuffle,partition").split(","));
    if (cases.contains("local")) {
      try {
        d.edgeLocalChain(Integer.getInteger("bench.wan.localRuns", full ? 20 : 10), wan);
      } catch (Exception e) {
        errors.put("edgeLocalChain", String.valueOf(e));
        BenchMain.log("edge-local chain failed: " + e);
      }
    }
    if (cases.contains("shuffle")) {
      try {
        d.shuffle4(Integer.getInteger("bench.wan.shuffleIterations", full ? 3 : 2), wan);
      } catch (Exception e) {
        errors.put("shuffle4", String.valueOf(e));
        BenchMain.log("shuffle4 failed: " + e);
      }
    }
    if (cases.contains("partition")) {
      try {
        new WanPartition(d.client, d.random).run(partition);
      } catch (Exception e) {
        errors.put("partition", String.valueOf(e));
        BenchMain.log("partition case failed: " + e);
      }
    }
    JsonObject summary = new JsonObject().put("command", plan.getString("command"))
        .put("date", java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).withNano(0).toString())
        .put("machine", new JsonObject().put("before", plan.getJsonObject("machine")).put("after", BenchMain.machine("after")))
        .put("wallSeconds", (System.currentTimeMillis() - t0) / 1000.0)
        .put("emulation", emulation(plan))
        .put("wan", wan).put("partition", partition).put("errors", errors);
    try {
      summary.getJsonObject("emulation").put("relayStats", WanEmulation.control(d.client.ctl, "stats"));
    } catch (IOException e) {
      summary.getJsonObject("emulation").put("relayStats", "unavailable: " + e);
    }
    Path out = Path.of(plan.getString("out"));
    Files.createDirectories(out);
    Files.writeString(out.resolve("summary.json"), summary.encodePrettily());
    Files.writeString(out.resolve("report.md"), WanReport.render(summary));
    BenchMain.log("wrote " + out.resolve("summary.json") + " and report.md");
    System.exit(errors.isEmpty() ? 0 : 4);
  }

  static JsonObject emulation(JsonObject plan) {
    JsonObject hosts = plan.getJsonObject("hosts");
    return new JsonObject().put("name", "WAN EMULATION (network namespaces + router relay)")
        .put("what", "ALL TCP between zones (Hazelcast members, Vert.x event bus, HTTP data and API) crosses a router namespace where "
            + "iptables REDIRECT hands it to a user-space relay (wan-relay.py) that adds RTT/2 each way, one RTT at connection "
            + "set-up, and paces bytes on a wire shared per zone pair (2 MiB window per connection and direction). Traffic inside "
            + "a zone (hosts sharing the zone's namespace) is NOT delayed. No CPU quota. Client (this driver) in edge1's namespace.")
        .put("links", plan.getJsonObject("links")).put("subnets", plan.getJsonObject("subnets"))
        .put("hosts", hosts).put("nodeJvms", hosts.size()).put("roles", "all (orchestrator, work-tracker, data-master, distance, api, "
            + "agent, adapter) on every node, as in bench/run.sh")
        .put("hazelcast", plan.getJsonObject("hazelcast"));
  }

  /**
   * Checks the EMULATION from the client's seat: a fresh TCP connection to each node's HTTP port and
   * one small request, timed to the first response byte (best of 7). Expected: in edge1 about 0,
   * edge2 about 2 x 20 ms (set-up + request), cloud1 about 2 x 80 ms, plus the server's own time.
   */
  private JsonObject calibrate() throws Exception {
    JsonObject out = new JsonObject();
    for (String host : plan.getJsonObject("hosts").fieldNames()) {
      URI u = URI.create(client.base(host));
      double best = Double.MAX_VALUE;
      for (int i = 0; i < 7; i++) {
        long t0 = System.nanoTime();
        try (java.net.Socket sock = new java.net.Socket()) {
          sock.setTcpNoDelay(true);
          sock.connect(new java.net.InetSocketAddress(u.getHost(), u.getPort()), 5_000);
          sock.setSoTimeout(5_000);
          sock.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes());
          if (sock.getInputStream().read() < 0) {
            throw new IOException("no answer from " + host);
          }
        }
        best = Math.min(best, (System.nanoTime() - t0) / 1e6);
      }
      out.put(host, r2(best));
    }
    out.put("note", "best of 7: fresh TCP connect + GET /health to first response byte, from the client in edge1");
    BenchMain.log("calibration (connect + request, ms): " + out.encode());
    return out;
  }

  // ---------------------------------------------------------------- case 1: edge-local chain

  private void edgeLocalChain(int runs, JsonObject wan) throws Exception {
    Map<String, List<JsonObject>> by = new LinkedHashMap<>();
    by.put("wanOn", new ArrayList<>());
    by.put("wanOff", new ArrayList<>());
    client.scale(1);
    for (int i = 0; i < 3; i++) {
      JsonObject r = localRun();
      BenchMain.log("edge-local warm-up #" + i + ": " + r.getDouble("makespanMs") + " ms (discarded)");
    }
    int block = 5;
    for (int done = 0; done < runs; done += block) {
      for (String which : List.of("wanOn", "wanOff")) {
        client.scale(which.equals("wanOn") ? 1 : 0);
        for (int i = 0; i < Math.min(block, runs - done); i++) {
          JsonObject r = localRun();
          by.get(which).add(r);
          BenchMain.log(String.format("edge-local %s: makespan %.1f ms, control %s, overhead %.1f ms, state %s", which,
              r.getDouble("makespanMs"), r.getJsonArray("controlMs"), r.getDouble("overheadMs"), r.getString("state")));
        }
      }
    }
    client.scale(1);
    JsonObject chain = new JsonObject();
    JsonObject control = new JsonObject();
    JsonObject overhead = new JsonObject();
    for (var e : by.entrySet()) {
      double[] ms = e.getValue().stream().filter(r -> "SUCCEEDED".equals(r.getString("state")))
          .mapToDouble(r -> r.getDouble("makespanMs")).sorted().toArray();
      double[] ctl = e.getValue().stream().flatMap(r -> r.getJsonArray("controlMs").stream()).mapToDouble(o -> ((Number) o).doubleValue())
          .sorted().toArray();
      double[] ov = e.getValue().stream().mapToDouble(r -> r.getDouble("overheadMs")).sorted().toArray();
      chain.put(e.getKey(), new JsonObject().put("median", r2(Percentiles.rank(ms, 50))).put("p90", r2(Percentiles.rank(ms, 90)))
          .put("runs", ms.length).put("failed", e.getValue().size() - ms.length)
          .put("all", new JsonArray(e.getValue().stream().map(r -> r.getDouble("makespanMs")).toList())));
      control.put(e.getKey(), new JsonObject().put("p50", r2(Percentiles.rank(ctl, 50))).put("p99", r2(Percentiles.rank(ctl, 99)))
          .put("mean", r2(java.util.Arrays.stream(ctl).average().orElse(0))).put("hops", ctl.length));
      overhead.put(e.getKey(), new JsonObject().put("median", r2(Percentiles.rank(ov, 50))).put("p90", r2(Percentiles.rank(ov, 90)))
          .put("all", new JsonArray(e.getValue().stream().map(r -> r.getDouble("overheadMs")).toList())));
    }
    chain.put("ratio", r2(chain.getJsonObject("wanOn").getDouble("median") / chain.getJsonObject("wanOff").getDouble("median")));
    control.put("p50", control.getJsonObject("wanOn").getDouble("p50")).put("p99", control.getJsonObject("wanOn").getDouble("p99"));
    Map<String, Integer> zones = new TreeMap<>();
    by.values().forEach(l -> l.forEach(r -> r.getJsonArray("hopPlaces").forEach(z -> zones.merge((String) z, 1, Integer::sum))));
    wan.put("edgeLocalChainMs", chain).put("edgeLocalControlMs", control).put("edgeLocalOverheadMs", overhead)
        .put("edgeLocalHopsByHost", new JsonObject(new LinkedHashMap<>(zones)))
        .put("edgeLocalNote", "4 echo steps placed in edge1, 1 KiB unit uploaded to edge1-a, run submitted and polled at edge1-a by a "
            + "client in edge1; 3 warm-up runs discarded, then blocks of 5 runs alternating delays on (scale 1) / zero (scale 0, "
            + "same relay, bandwidth pacing kept). makespan = run endedAt - client time before the start request. overhead = "
            + "makespan - sum over hops of (pull + compute + push).");
  }

  private JsonObject localRun() throws Exception {
    byte[] b = new byte[1024];
    random.nextBytes(b);
    String unit = client.upload("edge1-a", b, 30);
    long t0 = System.currentTimeMillis() * 1000;
    String runId = client.startRun("edge1-a", LOCAL_WF, unit, 30);
    JsonObject run = client.await("edge1-a", runId, 60_000, 20);
    double makespan = (run.getLong("endedAt", 0L) - t0) / 1000.0;
    List<Double> control = new ArrayList<>();
    double work = 0;
    List<String> places = new ArrayList<>();
    for (Object o : run.getJsonArray("hops", new JsonArray())) {
      JsonObject hop = (JsonObject) o;
      JsonObject d = hop.getJsonObject("durationsMs", new JsonObject());
      if ("SUCCEEDED".equals(hop.getString("state"))) {
        control.add(d.getDouble("control", 0.0));
        places.add(hop.getString("instanceHost", "?"));
      }
      work += d.getDouble("pull", 0.0) + d.getDouble("compute", 0.0) + d.getDouble("push", 0.0);
    }
    return new JsonObject().put("runId", runId).put("state", run.getString("state")).put("makespanMs", r2(makespan))
        .put("controlMs", new JsonArray(control)).put("overheadMs", r2(makespan - work)).put("hopPlaces", new JsonArray(places));
  }

  // ---------------------------------------------------------------- case 2: shuffle4

  private void shuffle4(int iterations, JsonObject wan) throws Exception {
    client.scale(1);
    int mb = 1024 * 1024;
    List<CaseRun> runs = new ArrayList<>();
    for (int it = -1; it < iterations; it++) {
      JsonObject before = WanEmulation.control(client.ctl, "stats");
      CaseRun r = shuffleOnce(3, mb, 1000 + it);
      r.crossZoneBytes = crossZone(WanEmulation.control(client.ctl, "stats")) - crossZone(before);
      BenchMain.log(String.format("shuffle4 3x1MB %s: %d ms, cross-zone TCP bytes %d, failed runs %d", it < 0 ? "warm-up" : "#" + it,
          r.makespanMs, r.crossZoneBytes, r.runsFailed));
      if (it >= 0) {
        runs.add(r);
      }
    }
    JsonObject c = BenchMain.caseJson(new BenchMain.Case("3x1MB", 3, mb, iterations), "load-spreading", runs);
    c.put("crossZoneBytesNote", "all TCP bytes through the relay between zones during the case (control AND data), not only data");
    wan.put("shuffle4_3x1MB", c.put("makespanMsMedian", c.getJsonObject("makespanMs").getLong("median")));
  }

  private static long crossZone(JsonObject stats) {
    long n = 0;
    for (var e : stats.getJsonObject("bytes", new JsonObject())) {
      String[] z = e.getKey().split("->");
      if (!z[0].equals(z[1])) {
        n += ((Number) e.getValue()).longValue();
      }
    }
    return n;
  }

  private CaseRun shuffleOnce(int files, int size, long seed) throws Exception {
    Random rnd = new Random(seed);
    List<String> units = new ArrayList<>();
    for (String host : List.of("edge1-a", "edge2-a")) {
      for (int i = 0; i < files; i++) {
        byte[] b = new byte[size];
        rnd.nextBytes(b);
        units.add(client.upload(host, b, 60));
      }
    }
    Thread.sleep(200); // as NearflowCases: let the registrations settle before the clock starts
    ExecutorService pool = Executors.newFixedThreadPool(units.size());
    long t0 = System.currentTimeMillis() * 1000;
    List<String> ids = new ArrayList<>();
    try {
      List<CompletableFuture<String>> fs = new ArrayList<>();
      for (String u : units) {
        fs.add(CompletableFuture.supplyAsync(() -> {
          try {
            return client.startRun("edge1-a", "shuffle4", u, 60);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, pool));
      }
      for (CompletableFuture<String> f : fs) {
        ids.add(f.get(90, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    CaseRun out = new CaseRun();
    long lastEnd = 0;
    for (String id : ids) {
      JsonObject r = client.await("edge1-a", id, 10 * 60_000, 100);
      lastEnd = Math.max(lastEnd, r.getLong("endedAt", 0L));
      if ("SUCCEEDED".equals(r.getString("state"))) {
        out.runsSucceeded++;
      } else {
        out.runsFailed++;
      }
      for (Object o : r.getJsonArray("hops", new JsonArray())) {
        if ("SUCCEEDED".equals(((JsonObject) o).getString("state"))) {
          out.addHop((JsonObject) o);
        }
      }
    }
    out.makespanMs = (lastEnd - t0) / 1000;
    client.awaitIdle("edge1-a", 60_000);
    return out;
  }

  // ---------------------------------------------------------------- case 3: partition


  static double r2(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
