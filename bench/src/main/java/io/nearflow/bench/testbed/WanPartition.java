package io.nearflow.bench.testbed;

import io.nearflow.demo.Percentiles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
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

/**
 * The WAN bench's partition case (issue 11): edge1 cut off from the other zones in the router for a
 * while under a stream of edge1-local runs and a stream of edge1->cloud1 runs, then healed; the
 * figures (rates before, during and after, outcomes, duplicates, slots left booked, outbox drain) and
 * the timeline go into {@code partition} of the summary.
 */
final class WanPartition {
  private final WanClient client;
  private final JsonObject plan;
  private final Random random;

  WanPartition(WanClient client, Random random) {
    this.client = client;
    this.plan = client.plan;
    this.random = random;
  }

  /** A submission of the partition case: {@code stream} is "local" (edgelocal4) or "cross" (edge1cloud3). */
  record Sub(String stream, long atMs, String runId, long acceptedAtMs, String error) {}

  private void submit(ThreadPoolExecutor submitters, String stream, String wf, long at, long t0, List<Sub> subs,
      Map<String, Integer> errors) {
    try {
      submitters.execute(() -> {
        try {
          byte[] b = new byte[1024];
          synchronized (random) {
            random.nextBytes(b);
          }
          String unit = client.upload("edge1-a", b, 15);
          String id = client.startRun("edge1-a", wf, unit, 15);
          subs.add(new Sub(stream, at, id, System.currentTimeMillis() - t0, null));
        } catch (Exception e) {
          String msg = shortError(e);
          errors.merge(stream + ": " + msg, 1, Integer::sum);
          subs.add(new Sub(stream, at, null, System.currentTimeMillis() - t0, msg));
        }
      });
    } catch (RejectedExecutionException e) {
      errors.merge(stream + ": client: " + submitters.getMaximumPoolSize() + " submissions already in flight, skipped", 1, Integer::sum);
      subs.add(new Sub(stream, at, null, at, "skipped"));
    }
  }

  void run(JsonObject out) throws Exception {
    client.scale(1);
    long preMs = Long.getLong("bench.wan.preCutMs", 20_000);
    long cutMs = Long.getLong("bench.wan.cutMs", 120_000);
    long postSubmitMs = Long.getLong("bench.wan.postHealSubmitMs", 30_000);
    long healWaitMs = Long.getLong("bench.wan.healWaitMs", 120_000);
    long periodMs = Long.getLong("bench.wan.submitPeriodMs", 500);
    long crossPeriodMs = Long.getLong("bench.wan.crossPeriodMs", 2_000);
    int maxSubs = 500;
    int maxCross = 200;
    String subnet = plan.getJsonObject("subnets").getString("edge1");
    long t0 = System.currentTimeMillis();
    long t0Micros = t0 * 1000;
    List<Sub> subs = new CopyOnWriteArrayList<>();
    Map<String, JsonObject> last = new ConcurrentHashMap<>(); // runId -> last run record read
    Map<String, Integer> errors = new ConcurrentHashMap<>();
    Map<String, long[]> missing = new ConcurrentHashMap<>(); // runId -> {first, last} ms its GET answered 404
    List<JsonObject> health = new CopyOnWriteArrayList<>();
    ThreadPoolExecutor submitters = new ThreadPoolExecutor(16, 16, 1, TimeUnit.MINUTES, new SynchronousQueue<>());
    // the edge1->cloud1 stream has its own 8, so it never takes the local stream's slots (16 in flight, as before)
    ThreadPoolExecutor crossSubmitters = new ThreadPoolExecutor(8, 8, 1, TimeUnit.MINUTES, new SynchronousQueue<>());
    ExecutorService pollers = Executors.newFixedThreadPool(4);
    long cutAt = preMs;
    long healAt = preMs + cutMs;
    long stopSubmitAt = healAt + postSubmitMs;
    boolean cut = false;
    boolean healed = false;
    long healedAt = -1;
    long nextSubmit = 0;
    long nextCross = 250; // off the local stream's beat
    long nextPoll = 0;
    long nextTick = 5_000;
    int submitted = 0;
    int crossSubmitted = 0;
    BenchMain.log(String.format("partition: %d s before the cut, edge1 (%s) cut for %d s, an edge1-local run every %d ms and an "
        + "edge1->cloud1 run every %d ms until %d s after the heal, then up to %d s after the heal for open runs", preMs / 1000, subnet,
        cutMs / 1000, periodMs, crossPeriodMs, postSubmitMs / 1000, healWaitMs / 1000));
    try {
      while (true) {
        long now = System.currentTimeMillis() - t0;
        if (!cut && now >= cutAt) {
          WanEmulation.partition(subnet, true);
          cut = true;
          BenchMain.log("partition: edge1 CUT at " + now + " ms");
        }
        if (cut && !healed && now >= healAt) {
          WanEmulation.partition(subnet, false);
          healed = true;
          healedAt = now;
          BenchMain.log("partition: edge1 HEALED at " + now + " ms");
        }
        if (now >= nextSubmit && now < stopSubmitAt && submitted < maxSubs) {
          nextSubmit += periodMs;
          submitted++;
          submit(submitters, "local", WanDriver.LOCAL_WF, now, t0, subs, errors);
        }
        if (now >= nextCross && now < stopSubmitAt && crossSubmitted < maxCross) {
          nextCross += crossPeriodMs;
          crossSubmitted++;
          submit(crossSubmitters, "cross", WanDriver.CROSS_WF, now, t0, subs, errors);
        }
        if (now >= nextPoll) {
          nextPoll = now + 2_000;
          // records that answered 404 are read again too: a merge may bring them back
          List<String> open = subs.stream().map(Sub::runId).filter(id -> id != null && (isOpen(last.get(id)) || isLost(last.get(id))))
              .toList();
          List<String> batch = new ArrayList<>(open);
          Collections.shuffle(batch, random);
          for (String id : batch.subList(0, Math.min(60, batch.size()))) {
            pollers.execute(() -> {
              try {
                last.put(id, client.getRun("edge1-a", id, 3));
              } catch (Exception e) {
                if (String.valueOf(e.getMessage()).contains("-> 404")) {
                  // the run record is not readable: not running for the bench (re-read: a merge may bring it back)
                  long at = System.currentTimeMillis() - t0;
                  missing.computeIfAbsent(id, k -> new long[] {at, at})[1] = at;
                  last.put(id, new JsonObject().put("state", "NOT_FOUND(404)").put("firstMissingMs", missing.get(id)[0]));
                }
                errors.merge("poll: " + shortError(e).replaceAll("/r[0-9a-f]{16}", "/<run>").replaceAll("no run r[0-9a-f]{16}", "no run <run>"),
                    1, Integer::sum);
              }
            });
          }
        }
        if (now >= nextTick) {
          JsonObject h = new JsonObject().put("atMs", now);
          for (String host : plan.getJsonObject("hosts").fieldNames()) {
            String zone = plan.getJsonObject("hosts").getJsonObject(host).getString("zone");
            try {
              if (zone.equals("edge1")) {
                h.put(host, client.send(HttpRequest.newBuilder(URI.create(client.base(host) + "/health")).GET(), 200, 2).getInteger("clusterSize"));
              } else {
                // the far side's own view, asked from edge2's namespace (through the relay for cloud1): reachable during the cut
                long q0 = System.nanoTime();
                String body = WanEmulation.output(5, "ip", "netns", "exec", WanEmulation.ns("edge2"), "curl", "-s", "-m", "2",
                    client.base(host) + "/health");
                h.put(host, new JsonObject(body).getInteger("clusterSize"));
                h.put(host + ".probeMs", WanDriver.r2((System.nanoTime() - q0) / 1e6));
              }
            } catch (Exception e) {
              h.putNull(host);
            }
          }
          health.add(h);
          JsonObject b = bucket(nextTick - 5_000, nextTick, subs, last, t0Micros);
          BenchMain.log(String.format("partition t=%3ds %-6s local: submitted %2d accepted %2d succeeded %2d failed %2d running %3d | "
              + "edge1->cloud1: submitted %d succeeded %2d failed %d running %3d | clusterSize %s",
              nextTick / 1000, !cut ? "pre" : !healed ? "CUT" : "healed", b.getInteger("submitted"), b.getInteger("accepted"),
              b.getInteger("succeeded"), b.getInteger("failed"), b.getInteger("running"), b.getInteger("xSubmitted"),
              b.getInteger("xSucceeded"), b.getInteger("xFailed"), b.getInteger("xRunning"), withoutAt(h)));
          nextTick += 5_000;
        }
        boolean anyOpen = subs.stream().anyMatch(s -> s.runId() != null && isOpen(last.get(s.runId())));
        if (healed && now >= stopSubmitAt && (now >= healedAt + healWaitMs || !anyOpen && submitters.getActiveCount() == 0
            && crossSubmitters.getActiveCount() == 0)) {
          break;
        }
        Thread.sleep(20);
      }
    } finally {
      if (cut && !healed) {
        WanEmulation.partition(subnet, false);
      }
      submitters.shutdown();
      crossSubmitters.shutdown();
      submitters.awaitTermination(20, TimeUnit.SECONDS);
      crossSubmitters.awaitTermination(20, TimeUnit.SECONDS);
    }
    // one last read of EVERY accepted run (finalOutputs are counted on it), 4 at a time
    List<CompletableFuture<Void>> reads = new ArrayList<>();
    for (Sub s : subs) {
      if (s.runId() == null) {
        continue;
      }
      reads.add(CompletableFuture.runAsync(() -> {
        try {
          last.put(s.runId(), client.getRun("edge1-a", s.runId(), 5));
        } catch (Exception e) {
          if (String.valueOf(e.getMessage()).contains("-> 404")) {
            JsonObject was = last.get(s.runId());
            last.put(s.runId(), new JsonObject().put("state", "NOT_FOUND(404)").put("firstMissingMs",
                was != null && was.containsKey("firstMissingMs") ? was.getLong("firstMissingMs") : System.currentTimeMillis() - t0));
          }
          errors.merge("final read: " + shortError(e).replaceAll("/r[0-9a-f]{16}", "/<run>").replaceAll("no run r[0-9a-f]{16}", "no run <run>"),
              1, Integer::sum);
        }
      }, pollers));
    }
    CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).get(3, TimeUnit.MINUTES);
    pollers.shutdown();
    pollers.awaitTermination(20, TimeUnit.SECONDS);
    long endMs = System.currentTimeMillis() - t0;
    JsonArray timeline = new JsonArray();
    for (long t = 0; t < endMs; t += 5_000) {
      timeline.add(bucket(t, t + 5_000, subs, last, t0Micros).put("phase", t + 5_000 <= cutAt ? "pre" : t < healAt ? "cut" : "healed"));
    }
    // duplicate final outputs: every workflow here is a linear chain, so a run has exactly one final output
    List<String> duplicated = new ArrayList<>();
    List<String> noOutput = new ArrayList<>();
    for (Sub s : subs) {
      JsonObject r = s.runId() == null ? null : last.get(s.runId());
      if (r == null || !r.containsKey("finalOutputs")) {
        continue;
      }
      int n = r.getJsonArray("finalOutputs").size();
      if (n > 1) {
        duplicated.add(s.runId() + " (" + n + " outputs)");
      } else if (n == 0 && "SUCCEEDED".equals(r.getString("state"))) {
        noOutput.add(s.runId());
      }
    }
    JsonObject slots = slotsLeftBooked();
    JsonObject local = streamFigures("local", subs, last).put("latencyMs", latency("local", subs, last, t0Micros, cutAt, healAt));
    JsonObject cross = streamFigures("cross", subs, last).put("latencyMs", latency("cross", subs, last, t0Micros, cutAt, healAt));
    // outbox drain: from the heal to the last cross-zone run submitted before the heal reaching SUCCEEDED
    List<Sub> crossBeforeHeal = subs.stream().filter(s -> s.stream().equals("cross") && s.runId() != null && s.atMs() < healAt).toList();
    List<String> crossNotDone = crossBeforeHeal.stream().filter(s -> last.get(s.runId()) == null
        || !"SUCCEEDED".equals(last.get(s.runId()).getString("state"))).map(s -> s.runId() + " " + (last.get(s.runId()) == null
            ? "never read" : last.get(s.runId()).getString("state"))).toList();
    Long drainMs = null;
    if (crossNotDone.isEmpty() && healedAt >= 0) {
      long lastEnd = crossBeforeHeal.stream().mapToLong(s -> (last.get(s.runId()).getLong("endedAt", 0L) - t0Micros) / 1000).max().orElse(healedAt);
      drainMs = Math.max(0, lastEnd - healedAt);
    }
    cross.put("submittedBeforeHeal", crossBeforeHeal.size()).put("notSucceededBeforeHeal", new JsonArray(crossNotDone))
        .put("endedAtAfterHealMs", new JsonArray(crossBeforeHeal.stream().map(s -> last.get(s.runId()))
            .filter(r -> r != null && r.containsKey("endedAt") && !"RUNNING".equals(r.getString("state")))
            .map(r -> (r.getLong("endedAt", 0L) - t0Micros) / 1000 - healAt).sorted().toList()));
    double pre = succeededPerSec(subs, last, t0Micros, 0, cutAt);
    double during = succeededPerSec(subs, last, t0Micros, cutAt, healAt);
    int allSubmitted = local.getInteger("submitted") + cross.getInteger("submitted");
    int allSucceeded = local.getInteger("succeeded") + cross.getInteger("succeeded");
    JsonObject issue11 = new JsonObject()
        .put("rateDuringCutAtLeast90PctOfPreCut", pre > 0 && during >= 0.9 * pre)
        .put("allRunsSucceeded", allSubmitted > 0 && allSucceeded == allSubmitted)
        .put("noDuplicateOutputs", duplicated.isEmpty())
        .put("noSlotsLeftBooked", slots.getInteger("slotsLeftBooked", -1) == 0)
        .put("outboxDrainedWithin30s", drainMs != null && drainMs <= 30_000);
    BenchMain.log("partition: local " + local.encode());
    BenchMain.log("partition: edge1->cloud1 " + cross.encode());
    BenchMain.log("partition: duplicateOutputs " + duplicated.size() + ", slotsLeftBooked " + slots.getValue("slotsLeftBooked")
        + ", outboxDrainMs " + drainMs + ", issue 11 criteria " + issue11.encode());
    out.put("ratePreCut", WanDriver.r2(pre))
        .put("rateDuringCut", WanDriver.r2(during))
        .put("rateDuringOverPreCut", pre > 0 ? WanDriver.r2(during / pre) : null)
        .put("rateAfterHeal", WanDriver.r2(succeededPerSec(subs, last, t0Micros, healAt, Math.min(endMs, stopSubmitAt))))
        .put("submitted", allSubmitted).put("succeeded", allSucceeded)
        .put("duplicateOutputs", duplicated.size()).put("duplicateOutputRuns", new JsonArray(duplicated))
        .put("succeededWithoutOutput", new JsonArray(noOutput))
        .put("slotsLeftBooked", slots.getValue("slotsLeftBooked")).put("slots", slots)
        .put("outboxDrainMs", drainMs)
        .put("issue11", issue11)
        .put("local", local).put("crossZone", cross)
        // the local stream's figures under their former keys
        .put("accepted", local.getInteger("accepted")).put("stuckRunning", local.getInteger("stuckRunning") + cross.getInteger("stuckRunning"))
        .put("recordsLost", local.getInteger("recordsLost") + cross.getInteger("recordsLost"))
        .put("recordsMissingForAWhile", missing.size())
        .put("recordsMissing", new JsonArray(subs.stream().filter(s -> s.runId() != null && missing.containsKey(s.runId()))
            .map(s -> new JsonObject().put("stream", s.stream()).put("runId", s.runId()).put("submittedAtMs", s.atMs())
                .put("first404AtMs", missing.get(s.runId())[0]).put("last404AtMs", missing.get(s.runId())[1])
                .put("finalState", last.get(s.runId()).getString("state")))
            .toList()))
        .put("finalStates", local.getJsonObject("finalStates"))
        .put("submitFailures", local.getInteger("submitFailures") + cross.getInteger("submitFailures"))
        .put("errors", new JsonObject(new LinkedHashMap<>(new TreeMap<>(errors))))
        .put("cutAtMs", cutAt).put("healAtMs", healedAt).put("endMs", endMs).put("submitPeriodMs", periodMs)
        .put("crossSubmitPeriodMs", crossPeriodMs)
        .put("timeline", timeline).put("clusterSize", new JsonArray(health))
        .put("note", "client in edge1 submits one edge1-local run (" + WanDriver.LOCAL_WF + ", 4 echo steps in edge1) every " + periodMs
            + " ms and one edge1->cloud1 run (" + WanDriver.CROSS_WF + ": steps 1-2 in edge1, step 3 in cloud1) every " + crossPeriodMs
            + " ms (each: 1 KiB upload to edge1-a + start at edge1-a, 15 s HTTP time-out each; at most 16 local and 8 edge1->cloud1 submissions in flight, one due while all are busy is skipped and counted as submitted, not accepted) from t=0 "
            + "until " + postSubmitMs / 1000 + " s after the heal; edge1's subnet dropped both ways in the router's INPUT, OUTPUT and "
            + "FORWARD chains for the cut. ratePreCut / rateDuringCut / rateAfterHeal = LOCAL runs SUCCEEDED per second by their "
            + "endedAt in the window. submitted / succeeded = both streams (local and crossZone have each). stuckRunning = accepted "
            + "runs still RUNNING at the end (never read counts too); recordsLost = accepted runs whose GET answered 404 at the end; "
            + "recordsMissingForAWhile = runs whose GET answered 404 at some point. duplicateOutputs = runs whose finalOutputs (read "
            + "once more for every run at the end) hold more than one unit (linear chains: exactly one expected). slotsLeftBooked = "
            + "the largest, over nodes, of the sum of inFlight over all instances in the node's GET /api/v1/topology (load from "
            + "the zone schedulers' capacity summaries, sent every second), read 5 s after the last run ended and again every 2 s "
            + "for up to 20 s while not 0 (slots.readings: per node also the nodes in its view and peersWithoutHttp, the hosts it "
            + "lists without an http endpoint, which its adapter cannot pull from). local.latencyMs / crossZone.latencyMs: by the phase "
            + "a run was submitted in, accept = submission to the start request's answer, end = submission to endedAt, SUCCEEDED "
            + "runs only. outboxDrainMs = from the heal until the last edge1->cloud1 run submitted before the heal "
            + "ended SUCCEEDED (endedAt); null if one of them never did (crossZone.notSucceededBeforeHeal lists them). Timeline: "
            + "failed = submissions refused or timed out, runs ended not SUCCEEDED, and records first seen missing; x* = the "
            + "edge1->cloud1 stream. clusterSize = each node's /health view every 5 s: edge1 nodes asked by this client, the "
            + "others by curl from edge2's namespace (X.probeMs = that probe's time incl. process start; null = no answer in 2 s).");
  }

  private static JsonObject streamFigures(String stream, List<Sub> subs, Map<String, JsonObject> last) {
    List<Sub> mine = subs.stream().filter(s -> s.stream().equals(stream)).toList();
    Map<String, Integer> finalStates = new TreeMap<>();
    mine.stream().filter(s -> s.runId() != null).forEach(s -> finalStates.merge(
        last.get(s.runId()) == null ? "never read" : last.get(s.runId()).getString("state"), 1, Integer::sum));
    return new JsonObject().put("submitted", mine.size())
        .put("accepted", (int) mine.stream().filter(s -> s.runId() != null).count())
        .put("succeeded", finalStates.getOrDefault("SUCCEEDED", 0))
        .put("submitFailures", (int) mine.stream().filter(s -> s.runId() == null).count())
        .put("stuckRunning", (int) mine.stream().filter(s -> s.runId() != null && isOpen(last.get(s.runId()))).count())
        .put("recordsLost", finalStates.getOrDefault("NOT_FOUND(404)", 0))
        .put("finalStates", new JsonObject(new LinkedHashMap<>(finalStates)))
        .put("notSucceeded", new JsonArray(mine.stream().filter(s -> s.runId() != null && (last.get(s.runId()) == null
            || !"SUCCEEDED".equals(last.get(s.runId()).getString("state")))).map(s -> s.runId() + " submitted at " + s.atMs() + " ms: "
            + (last.get(s.runId()) == null ? "never read" : last.get(s.runId()).getString("state") + lastFailure(last.get(s.runId()))))
            .toList()));
  }

  /**
   * Per phase of submission (pre / cut / healed): accept = submission to the start request's answer
   * (upload + start), end = submission to the run's endedAt, for runs that SUCCEEDED.
   */
  private static JsonObject latency(String stream, List<Sub> subs, Map<String, JsonObject> last, long t0Micros, long cutAt, long healAt) {
    JsonObject out = new JsonObject();
    for (String phase : List.of("pre", "cut", "healed")) {
      List<Sub> mine = subs.stream().filter(s -> s.stream().equals(stream) && s.runId() != null && last.get(s.runId()) != null
          && "SUCCEEDED".equals(last.get(s.runId()).getString("state"))
          && phase.equals(s.atMs() < cutAt ? "pre" : s.atMs() < healAt ? "cut" : "healed")).toList();
      double[] accept = mine.stream().mapToDouble(s -> s.acceptedAtMs() - s.atMs()).sorted().toArray();
      double[] end = mine.stream().mapToDouble(s -> (last.get(s.runId()).getLong("endedAt", 0L) - t0Micros) / 1000.0 - s.atMs()).sorted()
          .toArray();
      out.put(phase, mine.isEmpty() ? new JsonObject().put("runs", 0) : new JsonObject().put("runs", mine.size())
          .put("acceptMedian", WanDriver.r2(Percentiles.rank(accept, 50))).put("acceptP90", WanDriver.r2(Percentiles.rank(accept, 90)))
          .put("endMedian", WanDriver.r2(Percentiles.rank(end, 50))).put("endP90", WanDriver.r2(Percentiles.rank(end, 90))).put("endMax", WanDriver.r2(end[end.length - 1])));
    }
    // the 5 slowest SUCCEEDED runs with their hops (ms since the bench's t0), to see where the time went
    List<Sub> done = subs.stream().filter(s -> s.stream().equals(stream) && s.runId() != null && last.get(s.runId()) != null
        && "SUCCEEDED".equals(last.get(s.runId()).getString("state"))).sorted(java.util.Comparator.comparingLong(
            (Sub s) -> last.get(s.runId()).getLong("endedAt", 0L) / 1000 - s.atMs()).reversed()).limit(5).toList();
    JsonArray slowest = new JsonArray();
    for (Sub s : done) {
      JsonObject r = last.get(s.runId());
      JsonArray hops = new JsonArray();
      for (Object o : r.getJsonArray("hops", new JsonArray())) {
        JsonObject h = (JsonObject) o;
        hops.add(new JsonObject().put("step", h.getString("step")).put("host", h.getString("instanceHost")).put("state", h.getString("state"))
            .put("attempt", h.getValue("attempt")).put("orchestrator", h.getString("orchestratorNodeId"))
            .put("queuedAtMs", rel(h.getLong("queuedAt", 0L), t0Micros)).put("routedAtMs", rel(h.getLong("routedAt", 0L), t0Micros))
            .put("dispatchedAtMs", rel(h.getLong("dispatchedAt", 0L), t0Micros))
            .put("completedAtMs", rel(h.getLong("completedAt", 0L), t0Micros)).put("error", h.getValue("error")));
      }
      slowest.add(new JsonObject().put("runId", s.runId()).put("submittedAtMs", s.atMs()).put("acceptedAtMs", s.acceptedAtMs())
          .put("createdAtMs", rel(r.getLong("createdAt", 0L), t0Micros)).put("endedAtMs", rel(r.getLong("endedAt", 0L), t0Micros))
          .put("hops", hops));
    }
    return out.put("slowest", slowest);
  }

  private static Long rel(long micros, long t0Micros) {
    return micros <= 0 ? null : (micros - t0Micros) / 1000;
  }

  /** The last failed hop of a run record, as " (step@host attempt N KIND: error)", or "". */
  private static String lastFailure(JsonObject run) {
    JsonObject f = null;
    for (Object o : run.getJsonArray("hops", new JsonArray())) {
      if (o instanceof JsonObject h && "FAILED".equals(h.getString("state"))) {
        f = h;
      }
    }
    if (f == null) {
      return "";
    }
    String e = String.valueOf(f.getValue("error"));
    return " (" + f.getString("step") + "@" + f.getString("instanceHost") + " attempt " + f.getValue("attempt") + " "
        + f.getValue("failureKind") + ": " + (e.length() > 160 ? e.substring(0, 160) : e) + ")";
  }

  /**
   * Slots still booked once every run has ended: each node's GET /api/v1/topology (all instances it
   * has a fresh capacity summary of), the sum of inFlight; 5 s after the end, then every 2 s up to
   * 20 s while some node still shows one booked.
   */
  private JsonObject slotsLeftBooked() throws InterruptedException {
    Thread.sleep(5_000);
    long deadline = System.currentTimeMillis() + 20_000;
    JsonArray readings = new JsonArray();
    while (true) {
      JsonObject perNode = new JsonObject();
      JsonArray busy = new JsonArray();
      int max = 0;
      boolean all = true;
      for (String host : plan.getJsonObject("hosts").fieldNames()) {
        try {
          JsonObject t = client.send(HttpRequest.newBuilder(URI.create(client.base(host) + "/api/v1/topology")).GET(), 200, 10);
          int sum = 0;
          for (Object o : t.getJsonArray("instances", new JsonArray())) {
            JsonObject i = (JsonObject) o;
            int n = i.getInteger("inFlight", 0);
            sum += n;
            if (n != 0) {
              busy.add(new JsonObject().put("seenBy", host).put("instanceId", i.getString("instanceId")).put("inFlight", n));
            }
          }
          // the node's view of its peers: hosts it lists without an http endpoint cannot be pulled from by its adapter
          JsonArray noHttp = new JsonArray();
          for (Object o : t.getJsonArray("nodes", new JsonArray())) {
            JsonObject n = (JsonObject) o;
            if (!n.getJsonObject("endpoints", new JsonObject()).containsKey("http")) {
              noHttp.add(n.getString("host"));
            }
          }
          perNode.put(host, new JsonObject().put("inFlight", sum).put("instances", t.getJsonArray("instances", new JsonArray()).size())
              .put("nodes", t.getJsonArray("nodes", new JsonArray()).size()).put("peersWithoutHttp", noHttp)
              .put("schedulers", t.getJsonObject("schedulers")));
          max = Math.max(max, sum);
        } catch (Exception e) {
          perNode.put(host, new JsonObject().put("error", shortError(e)));
          all = false;
        }
      }
      readings.add(new JsonObject().put("atEpochMs", System.currentTimeMillis()).put("perNode", perNode).put("busyInstances", busy));
      if ((max == 0 && all) || System.currentTimeMillis() > deadline) {
        return new JsonObject().put("slotsLeftBooked", all ? (Object) max : null).put("readings", readings);
      }
      Thread.sleep(2_000);
    }
  }

  static String withoutAt(JsonObject h) {
    JsonObject c = h.copy();
    c.remove("atMs");
    return c.encode();
  }

  private static boolean isLost(JsonObject run) {
    return run != null && "NOT_FOUND(404)".equals(run.getString("state"));
  }

  private static boolean isOpen(JsonObject run) {
    return run == null || "RUNNING".equals(run.getString("state"));
  }

  private static double succeededPerSec(List<Sub> subs, Map<String, JsonObject> last, long t0Micros, long fromMs, long toMs) {
    if (toMs <= fromMs) {
      return 0;
    }
    long n = subs.stream().filter(s -> s.stream().equals("local") && s.runId() != null).map(s -> last.get(s.runId()))
        .filter(r -> r != null && "SUCCEEDED".equals(r.getString("state"))).mapToLong(r -> (r.getLong("endedAt", 0L) - t0Micros) / 1000)
        .filter(t -> t >= fromMs && t < toMs).count();
    return n * 1000.0 / (toMs - fromMs);
  }

  /** One 5 s row of the timeline: the local stream's counts, and the edge1->cloud1 stream's as x*. */
  private static JsonObject bucket(long from, long to, List<Sub> subs, Map<String, JsonObject> last, long t0Micros) {
    JsonObject l = bucket(from, to, subs.stream().filter(s -> s.stream().equals("local")).toList(), last, t0Micros, "");
    JsonObject x = bucket(from, to, subs.stream().filter(s -> s.stream().equals("cross")).toList(), last, t0Micros, "x");
    x.remove("t");
    return l.mergeIn(x);
  }

  private static JsonObject bucket(long from, long to, List<Sub> subs, Map<String, JsonObject> last, long t0Micros, String prefix) {
    int submitted = 0;
    int accepted = 0;
    int succeeded = 0;
    int failed = 0;
    int running = 0;
    for (Sub s : subs) {
      if (s.atMs() >= from && s.atMs() < to) {
        submitted++;
        if (s.runId() != null) {
          accepted++;
        } else {
          failed++; // the upload or start request failed
        }
      }
      if (s.runId() == null) {
        continue;
      }
      JsonObject r = last.get(s.runId());
      long ended = r == null || isOpen(r) ? Long.MAX_VALUE
          : r.containsKey("endedAt") ? (r.getLong("endedAt", 0L) - t0Micros) / 1000 : r.getLong("firstMissingMs", Long.MAX_VALUE);
      if (ended >= from && ended < to) {
        if ("SUCCEEDED".equals(r.getString("state"))) {
          succeeded++;
        } else {
          failed++;
        }
      }
      if (s.acceptedAtMs() < to && ended >= to) {
        running++;
      }
    }
    return new JsonObject().put("t", to / 1000).put(key(prefix, "submitted"), submitted).put(key(prefix, "accepted"), accepted)
        .put(key(prefix, "succeeded"), succeeded).put(key(prefix, "failed"), failed).put(key(prefix, "running"), running);
  }

  private static String key(String prefix, String k) {
    return prefix.isEmpty() ? k : prefix + Character.toUpperCase(k.charAt(0)) + k.substring(1);
  }

  private static String shortError(Exception e) {
    String m = e instanceof java.net.http.HttpTimeoutException ? "HTTP time-out"
        : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    m = m.replaceAll("http://[0-9.:]+", "").replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<id>");
    return m.length() > 140 ? m.substring(0, 140) : m;
  }

  // ---------------------------------------------------------------- HTTP

}
