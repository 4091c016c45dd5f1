package io.nearflow.worktracker;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.nearflow.protocol.InstanceInfo;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The work tracker's state, shared by the whole cluster: step instances and their load, hops and
 * runs, in Hazelcast maps with one backup. Every call is asynchronous and completes on the
 * caller's Vert.x context. Records are stored as JSON strings so the maps stay readable and
 * schema changes do not break Java serialization.
 */
public final class WorkTracker {
  static final String INSTANCES = "nearflow.instances";
  static final String LOAD = "nearflow.load";
  static final String HOPS = "nearflow.hops";
  static final String RUNS = "nearflow.runs";

  private final IMap<String, String> instances;
  private final IMap<String, LoadRecord> load;
  private final IMap<String, String> hops;
  private final IMap<String, String> runs;
  private final Context context;

  public WorkTracker(HazelcastInstance hazelcast, Context context) {
    this.instances = hazelcast.getMap(INSTANCES);
    this.load = hazelcast.getMap(LOAD);
    this.hops = hazelcast.getMap(HOPS);
    this.runs = hazelcast.getMap(RUNS);
    this.context = context;
  }

  private <T> Future<T> on(CompletionStage<T> stage) {
    return Future.fromCompletionStage(stage, context);
  }

  // ---- step instances and load -------------------------------------------------------------

  /** An agent announces an instance; its load starts at zero (nothing runs on a fresh agent). */
  public Future<Void> registerInstance(InstanceInfo info) {
    return on(load.setAsync(info.instanceId(), new LoadRecord(java.util.Set.of(), info.slots(), System.currentTimeMillis() * 1_000_000L)))
        .compose(v -> on(instances.setAsync(info.instanceId(), info.toJson().encode())));
  }

  public Future<Void> unregisterInstance(String instanceId) {
    return on(instances.removeAsync(instanceId)).compose(v -> on(load.removeAsync(instanceId))).mapEmpty();
  }

  /** Atomically books a slot on the instance for a hop: the new load, or null if it is full or gone. */
  public Future<LoadRecord> book(String instanceId, String hopId) {
    return on(load.submitToKey(instanceId, new BookSlot(hopId)));
  }

  /** Releases the hop's slot (idempotent): the new load, or null if the instance is gone. */
  public Future<LoadRecord> release(String instanceId, String hopId) {
    return on(load.submitToKey(instanceId, new ReleaseSlot(hopId)));
  }

  public IMap<String, String> instancesMap() {
    return instances;
  }

  public IMap<String, LoadRecord> loadMap() {
    return load;
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
