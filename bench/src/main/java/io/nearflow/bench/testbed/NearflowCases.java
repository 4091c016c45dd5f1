package io.nearflow.bench.testbed;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The load generator for the Nearflow modes: puts {@code files} units of {@code size} random bytes
 * into each injecting zone's first host (the adapter's upload endpoint, before the clock starts),
 * starts one run of the workflow per unit at once through an edge node's HTTP API, waits until
 * every run has ended and the cluster is idle (the barrier), and reads the runs with their hops.
 * The makespan is from just before the first submission to the last run's {@code endedAt}
 * (both on this machine's clock), so the bench's polling adds nothing to it.
 */
final class NearflowCases {
  private NearflowCases() {}

  static CaseRun run(Testbed tb, EmulatedLinks links, String workflow, List<String> injectHosts, int files, int size,
      long seed) throws Exception {
    Random random = new Random(seed);
    List<String> units = new ArrayList<>();
    for (String host : injectHosts) {
      for (int i = 0; i < files; i++) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        units.add(tb.upload(host, b));
      }
    }
    String entry = "edge1-a";
    Thread.sleep(200); // let the uploads' registrations settle before the clock starts
    links.resetCounters();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(units.size(), 16));
    long t0Micros = System.currentTimeMillis() * 1000;
    List<String> runIds = new ArrayList<>();
    try {
      List<CompletableFuture<String>> started = new ArrayList<>();
      for (String u : units) {
        started.add(CompletableFuture.supplyAsync(() -> {
          try {
            return tb.startRun(entry, workflow, u).getString("runId");
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, pool));
      }
      for (CompletableFuture<String> f : started) {
        runIds.add(f.get());
      }
    } finally {
      pool.shutdown();
    }
    List<JsonObject> ended = new ArrayList<>();
    long deadline = System.currentTimeMillis() + 15 * 60_000L;
    List<String> open = new ArrayList<>(runIds);
    while (!open.isEmpty()) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("runs still open after 15 min: " + open);
      }
      Thread.sleep(100);
      for (String id : new ArrayList<>(open)) {
        JsonObject r = tb.getRun(entry, id);
        if (!"RUNNING".equals(r.getString("state"))) {
          ended.add(r);
          open.remove(id);
        }
      }
    }
    tb.awaitIdle(entry, Duration.ofSeconds(60)); // barrier: no slot booked before the next iteration
    CaseRun out = new CaseRun();
    long lastEnd = 0;
    for (JsonObject r : ended) {
      lastEnd = Math.max(lastEnd, r.getLong("endedAt", 0L));
      if ("SUCCEEDED".equals(r.getString("state"))) {
        out.runsSucceeded++;
      } else {
        out.runsFailed++;
        System.err.println("bench: run failed: " + r.getString("failureReason"));
      }
      for (Object o : r.getJsonArray("hops", new io.vertx.core.json.JsonArray())) {
        JsonObject hop = (JsonObject) o;
        if ("SUCCEEDED".equals(hop.getString("state"))) {
          out.addHop(hop);
        }
      }
    }
    out.makespanMs = (lastEnd - t0Micros) / 1000;
    out.crossZoneBytes = links.crossZoneBytes();
    out.bytesByLink = links.bytesByDirection();
    return out;
  }
}
