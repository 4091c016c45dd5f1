package io.nearflow.worktracker;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The work tracker's records shared by the whole cluster: hops and runs, in Hazelcast maps with
 * one backup. (Step instances and their slots are not here: each zone scheduler keeps its zone's
 * slot table in memory, fed by its agents.) Every call is asynchronous and completes on the
 * caller's Vert.x context. Records are stored as JSON strings so the maps stay readable and
 * schema changes do not break Java serialization.
 */
public final class WorkTracker {
  static final String HOPS = "nearflow.hops";
  static final String RUNS = "nearflow.runs";

  private final IMap<String, String> hops;
  private final IMap<String, String> runs;
  private final Context context;

  public WorkTracker(HazelcastInstance hazelcast, Context context) {
    this.hops = hazelcast.getMap(HOPS);
    this.runs = hazelcast.getMap(RUNS);
    this.context = context;
  }

  private <T> Future<T> on(CompletionStage<T> stage) {
    return Future.fromCompletionStage(stage, context);
  }

  // ---- hops ----------------------------------------------------------------------------------

  public Future<Void> saveHop(HopRecord hop) {
    return on(hops.setAsync(hop.hopId(), hop.toJson().encode()));
  }

  public Future<HopRecord> hop(String hopId) {
    return on(hops.getAsync(hopId)).map(s -> s == null ? null : HopRecord.fromJson(new JsonObject(s)));
  }

  public Future<List<HopRecord>> hops(Collection<String> hopIds) {
    return context.owner().executeBlocking(() -> {
      List<HopRecord> out = new ArrayList<>();
      hops.getAll(new java.util.HashSet<>(hopIds)).values().forEach(s -> out.add(HopRecord.fromJson(new JsonObject(s))));
      out.sort(java.util.Comparator.comparingLong(HopRecord::queuedAt));
      return out;
    }, false);
  }

  // ---- runs ----------------------------------------------------------------------------------

  public Future<Void> createRun(RunRecord run) {
    return on(runs.setAsync(run.runId(), run.toJson().encode()));
  }

  /** The run as stored, with the change tokens beside the record (see {@link RunChange}); null if none. */
  public Future<String> runJson(String runId) {
    return on(runs.getAsync(runId));
  }

  public Future<RunRecord> run(String runId) {
    return on(runs.getAsync(runId)).map(s -> s == null ? null : RunRecord.fromJson(new JsonObject(s)));
  }

  /** Applies one atomic change on the run's owner; null if there is no such run. */
  public Future<RunChange.Result> changeRun(String runId, RunChange change) {
    return on(runs.submitToKey(runId, change)).map(s -> s == null ? null : RunChange.Result.fromJson(s));
  }

  /** All runs, newest first. Runs on a worker thread: it reads every partition. */
  public Future<List<RunRecord>> runs() {
    return context.owner().executeBlocking(() -> {
      List<RunRecord> out = new ArrayList<>();
      runs.values().forEach(s -> out.add(RunRecord.fromJson(new JsonObject(s))));
      out.sort(java.util.Comparator.comparingLong(RunRecord::createdAt).reversed());
      return out;
    }, false);
  }
}
