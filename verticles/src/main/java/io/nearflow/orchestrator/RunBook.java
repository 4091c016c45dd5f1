package io.nearflow.orchestrator;

import io.nearflow.cluster.ZoneSchedulers;
import io.nearflow.protocol.Addresses;
import io.nearflow.protocol.IdempotentRequests;
import io.nearflow.worktracker.HopRecord;
import io.nearflow.worktracker.RecordFeed;
import io.nearflow.worktracker.RunChange;
import io.nearflow.worktracker.RunHome;
import io.nearflow.worktracker.RunRecord;
import io.nearflow.worktracker.WorkTracker;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The runs this zone scheduler coordinates (those homed in a zone it schedules: see
 * {@link RunHome}), kept in memory as the run's record of truth while it is active: creating a
 * run and applying a hop's change to it (admitting its successors, ending it) are local calls, so
 * an edge-local hop never waits on a map owner across the WAN. A change for a run homed in
 * another zone goes to that zone's scheduler in one request (idempotent: the change's token
 * travels with it). Every record reaches the cluster-wide maps through the {@link RecordFeed},
 * asynchronously. A run this scheduler does not hold (it took the zone over, or it ended and was
 * evicted) is loaded from the maps on first use. Used on the orchestrator's event loop only.
 */
final class RunBook {
  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(RunBook.class.getName());
  /** An ended run stays in memory this long (cancel, retry and late duplicates find it here). */
  static final long ENDED_RETENTION_MS = 60_000;
  /** {@link #ENDED_RETENTION_MS}, or the record retention when that is shorter (records expire everywhere). */
  private long endedHeldMs = ENDED_RETENTION_MS;

  private final Vertx vertx;
  private final String nodeId;
  private final WorkTracker tracker;
  private final RecordFeed feed;
  private final Supplier<ZoneSchedulers> schedulers;
  private final long timeoutMs;
  private final Map<String, String> runs = new HashMap<>();
  /** The latest record of each hop of a held run this scheduler has seen (its own, and finished ones of other zones). */
  private final Map<String, Map<String, HopRecord>> hopsByRun = new HashMap<>();
  /** Changes for runs homed elsewhere not yet applied there (store and forward), by change token: the request body. */
  private final Map<String, String> outbox = new java.util.LinkedHashMap<>();
  /** When each held run last changed (ms), for the reconciler of stalled runs. */
  private final Map<String, Long> changedAtMs = new HashMap<>();
  private ReplicaFeed replicas;

  RunBook(Vertx vertx, String nodeId, WorkTracker tracker, RecordFeed feed, Supplier<ZoneSchedulers> schedulers,
          long timeoutMs) {
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.tracker = tracker;
    this.feed = feed;
    this.schedulers = schedulers;
    this.timeoutMs = timeoutMs;
  }

  /** Where what this book holds is replicated (the zone's standbys). */
  void replicateTo(ReplicaFeed replicas) {
    this.replicas = replicas;
  }

  /** Ended runs leave memory after at most {@code recordRetentionMs} (see RecordRetention). */
  void expireEndedWithin(long recordRetentionMs) {
    endedHeldMs = Math.max(1, Math.min(ENDED_RETENTION_MS, recordRetentionMs));
  }

  /** Marks a run id of the older form, which names no home zone. */
  private static final String NO_HOME = "";

  /**
   * The scheduler that coordinates {@code runId}: the scheduler in its home zone; null while that
   * zone has none (cut off, or failing over: changes wait); {@link #NO_HOME} for older run ids.
   */
  private String homeOf(String runId) {
    return RunHome.zoneOfRun(runId).map(z -> schedulers.get().ownSchedulerOf(z).orElse(null)).orElse(NO_HOME);
  }

  boolean isHome(String runId) {
    return nodeId.equals(homeOf(runId));
  }

  /** A new run homed here. */
  void create(RunRecord run) {
    String json = run.toJson().encode();
    runs.put(run.runId(), json);
    changedAtMs.put(run.runId(), System.currentTimeMillis());
    feed.run(run.runId(), json);
  }

  /** The hop's record goes to the cluster-wide view. */
  void saveHop(HopRecord hop) {
    feed.hop(hop);
    hold(hop);
  }

  private void hold(HopRecord hop) {
    if (runs.containsKey(hop.runId())) {
      hopsByRun.computeIfAbsent(hop.runId(), r -> new java.util.LinkedHashMap<>()).put(hop.hopId(), hop);
    }
  }

  /**
   * Applies {@code change} to the run, here or at its home scheduler.
   *
   * @param finishing the record of the hop the change finishes, if any: the home feeds it before
   *     the run, so a reader of an ended run sees that hop finished
   * @return the run after the change and the hops new to it; null if no such run exists
   */
  Future<RunChange.Result> change(String runId, RunChange change, HopRecord finishing) {
    String home = homeOf(runId);
    if (NO_HOME.equals(home)) {
      // Older run ids carry no zone: change the map's record directly, as before zone schedulers.
      if (finishing != null) {
        feed.hop(finishing);
      }
      return tracker.changeRun(runId, change);
    }
    if (home.equals(nodeId)) {
      return applyHere(runId, change, finishing);
    }
    JsonObject body = new JsonObject().put("runId", runId).put("change", change.toJson());
    if (finishing != null) {
      body.put("hop", finishing.toJson());
    }
    return forward(runId, body);
  }

  /** Sends a change to the run's home, kept in the (replicated) outbox until it is settled. */
  private Future<RunChange.Result> forward(String runId, JsonObject body) {
    String token = body.getJsonObject("change").getString("token", "");
    String json = body.encode();
    outbox.put(token, json);
    if (replicas != null) {
      replicas.outbox(token, json);
    }
    Promise<RunChange.Result> done = Promise.promise();
    sendToHome(runId, body, done, 1);
    return done.future().onComplete(ar -> {
      outbox.remove(token);
      if (replicas != null) {
        replicas.outbox(token, null);
      }
    });
  }

  /** Changes waiting for another zone's answer. */
  int outboxSize() {
    return outbox.size();
  }

  /**
   * Store and forward: a change for a run homed in a zone that does not answer (cut off, or its
   * scheduler is failing over) is sent again, with backoff, until it is applied; the hops it admits
   * wait meanwhile. The change's token makes a resend that was applied before a no-op. Only an
   * error reported by the home itself (it answered) ends the attempts, after a few.
   */
  private void sendToHome(String runId, JsonObject body, Promise<RunChange.Result> done, int attempt) {
    String home = homeOf(runId);
    Future<io.vertx.core.eventbus.Message<JsonObject>> sent = home == null || NO_HOME.equals(home)
        ? Future.failedFuture("no scheduler is reachable in the home zone of run " + runId)
        : IdempotentRequests.request(vertx, Addresses.schedulerRunChange(home), body, timeoutMs, 1);
    sent.onSuccess(m -> done.complete(m.body().getBoolean("missing", false) ? null
        : RunChange.Result.fromJson(m.body())));
    sent.onFailure(err -> {
      boolean answered = err instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE;
      if (answered && attempt >= 5) {
        done.fail(err);
        return;
      }
      if (attempt == 1 || attempt % 10 == 0) {
        LOG.warning("change of run " + runId + " not applied at its home " + home + " (attempt " + attempt + "): "
            + err.getMessage() + "; kept and sent again");
      }
      vertx.setTimer(Math.min(2_000, 50L << Math.min(attempt, 6)), t -> sendToHome(runId, body, done, attempt + 1));
    });
  }

  /** Applies a change to a run homed here (also for changes other zones' schedulers send). */
  Future<RunChange.Result> applyHere(String runId, RunChange change, HopRecord finishing) {
    String held = runs.get(runId);
    Future<String> current = held != null ? Future.succeededFuture(held) : tracker.runJson(runId);
    return current.map(loaded -> {
      String stored = runs.getOrDefault(runId, loaded); // another change may have loaded it meanwhile
      if (stored == null) {
        return null;
      }
      String[] after = {stored};
      RunChange.Result r = change.applyTo(runId, stored, v -> after[0] = v);
      runs.put(runId, after[0]);
      changedAtMs.put(runId, System.currentTimeMillis());
      if (finishing != null) {
        feed.hop(finishing);
        hold(finishing);
      }
      feed.run(runId, after[0]);
      if (r.run().state().terminal()) {
        evictLater(runId);
      }
      return r;
    });
  }

  /** An ended run leaves memory {@value #ENDED_RETENTION_MS} ms later (unless it was reopened by a retry). */
  private void evictLater(String runId) {
    vertx.setTimer(endedHeldMs, t -> {
      String now = runs.get(runId);
      if (now != null && RunRecord.fromJson(new JsonObject(now)).state().terminal()) {
        runs.remove(runId);
        hopsByRun.remove(runId);
        changedAtMs.remove(runId);
      }
    });
  }

  /**
   * The run as fresh as it can be had: from its home scheduler (here, or asked with one request),
   * else from the cluster maps (the home is gone, or the run ended long ago). Null if unknown.
   */
  Future<RunRecord> get(String runId) {
    return withHops(runId).map(r -> r == null ? null : r.run());
  }

  /** A run with the latest record of each of its hops. */
  record RunWithHops(RunRecord run, java.util.List<HopRecord> hops) {}

  /**
   * The run and its hops' records, each the freshest to be had: what its home scheduler holds,
   * over what the cluster maps have (a record reaches them a feed batch later). Null if unknown.
   */
  Future<RunWithHops> withHops(String runId) {
    String home = homeOf(runId);
    Future<JsonObject> held;
    if (nodeId.equals(home)) {
      held = Future.succeededFuture(heldWithHops(runId));
    } else if (home == null || NO_HOME.equals(home)) {
      held = Future.succeededFuture(null);
    } else {
      held = IdempotentRequests.<JsonObject>request(vertx, Addresses.schedulerRun(home),
              new JsonObject().put("runId", runId), timeoutMs, 1)
          .map(m -> m.body().getBoolean("missing", false) ? null : m.body())
          .recover(err -> Future.succeededFuture(null));
    }
    return held.compose(h -> {
      Future<RunRecord> run = h != null ? Future.succeededFuture(RunRecord.fromJson(h.getJsonObject("run")))
          : tracker.run(runId);
      return run.compose(r -> r == null ? Future.succeededFuture(null) : (h == null ? tracker.hops(r.hopIds())
              : tracker.hops(r.hopIds()).timeout(1_000, java.util.concurrent.TimeUnit.MILLISECONDS))
          .recover(err -> h != null ? Future.succeededFuture(java.util.List.of()) : Future.failedFuture(err))
          .map(fromMaps -> {
            Map<String, HopRecord> merged = new java.util.LinkedHashMap<>();
            fromMaps.forEach(x -> merged.put(x.hopId(), x));
            if (h != null) {
              h.getJsonArray("hops").forEach(o -> {
                HopRecord x = HopRecord.fromJson((JsonObject) o);
                merged.put(x.hopId(), x);
              });
            }
            return new RunWithHops(r, merged.values().stream().filter(x -> r.hopIds().contains(x.hopId()))
                .sorted(java.util.Comparator.comparingLong(HopRecord::queuedAt)).toList());
          }));
    });
  }

  /**
   * Writes every held run and hop record to the cluster maps again: after a split merged back,
   * the maps kept one side's entries, and this scheduler's records from while apart may be older
   * there (or missing).
   */
  void refeedAll() {
    runs.forEach(feed::run);
    hopsByRun.values().forEach(hops -> hops.values().forEach(feed::hop));
  }

  /** Everything held, for a standby that starts from nothing (see {@link ReplicaFeed}). */
  void snapshot(Map<String, String> hopsOut, Map<String, String> runsOut, Map<String, String> outboxOut) {
    hopsByRun.values().forEach(hops -> hops.values().forEach(h -> hopsOut.put(h.hopId(), h.toJson().encode())));
    runsOut.putAll(runs);
    outboxOut.putAll(outbox);
  }

  /**
   * Takes over what the zone's previous scheduler held (this node's replica of it): runs homed in
   * a zone this node coordinates now are held here unless already held, every record goes to the
   * journal and the cluster maps again under this scheduler, and the changes it kept for other
   * zones are sent again (idempotent by token).
   *
   * @return the ids of the running runs taken over
   */
  java.util.Set<String> absorb(ZoneReplica.Contents c) {
    java.util.Set<String> running = new java.util.HashSet<>();
    c.runs().forEach((runId, json) -> {
      if (!isHome(runId)) {
        return;
      }
      runs.putIfAbsent(runId, json);
      changedAtMs.putIfAbsent(runId, System.currentTimeMillis());
      io.nearflow.worktracker.RunState state = RunRecord.fromJson(new JsonObject(runs.get(runId))).state();
      if (state == io.nearflow.worktracker.RunState.RUNNING) {
        running.add(runId);
      } else if (state.terminal()) {
        evictLater(runId);
      }
      feed.run(runId, runs.get(runId));
    });
    c.hops().forEach((hopId, json) -> {
      HopRecord h = HopRecord.fromJson(new JsonObject(json));
      Map<String, HopRecord> held = hopsByRun.get(h.runId());
      HopRecord mine = held == null ? null : held.get(hopId);
      if (mine == null || (!mine.state().terminal() && h.state().terminal())) {
        hold(h);
        feed.hop(h);
      }
    });
    c.outbox().forEach((token, json) -> {
      if (!outbox.containsKey(token)) {
        JsonObject body = new JsonObject(json);
        forward(body.getString("runId", ""), body);
      }
    });
    return running;
  }

  /** Held running runs that have not changed for {@code quietMs}: the reconciler looks at them. */
  java.util.List<RunRecord> quietRunning(long quietMs) {
    long before = System.currentTimeMillis() - quietMs;
    java.util.List<RunRecord> out = new java.util.ArrayList<>();
    runs.forEach((id, json) -> {
      if (changedAtMs.getOrDefault(id, 0L) < before) {
        RunRecord r = RunRecord.fromJson(new JsonObject(json));
        if (r.state() == io.nearflow.worktracker.RunState.RUNNING) {
          out.add(r);
        }
      }
    });
    return out;
  }

  /** The hop records held for a held run (empty if none). */
  java.util.Collection<HopRecord> heldHops(String runId) {
    return hopsByRun.getOrDefault(runId, Map.of()).values();
  }

  /** The held run with the hop records held for it ({@code {run, hops: [...]}}), or null. */
  JsonObject heldWithHops(String runId) {
    String s = runs.get(runId);
    if (s == null) {
      return null;
    }
    io.vertx.core.json.JsonArray hops = new io.vertx.core.json.JsonArray();
    hopsByRun.getOrDefault(runId, Map.of()).values().forEach(h -> hops.add(h.toJson()));
    return new JsonObject().put("run", RunRecord.fromJson(new JsonObject(s)).toJson()).put("hops", hops);
  }

  /** The held run alone ({@code {run}}), or null. */
  JsonObject heldRun(String runId) {
    RunRecord run = held(runId);
    return run == null ? null : new JsonObject().put("run", run.toJson());
  }

  /** Every run this scheduler holds (active ones, and those ended within {@value #ENDED_RETENTION_MS} ms at most). */
  java.util.List<RunRecord> heldRuns() {
    return runs.values().stream().map(v -> RunRecord.fromJson(new JsonObject(v))).toList();
  }

  /** The run as this scheduler holds it, or null. */
  RunRecord held(String runId) {
    String s = runs.get(runId);
    return s == null ? null : RunRecord.fromJson(new JsonObject(s));
  }
}
