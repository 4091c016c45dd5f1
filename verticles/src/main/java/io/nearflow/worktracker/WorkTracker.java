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
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;

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

  /**
   * The records of the given hops (those the map holds), oldest queued first. One asynchronous
   * get per hop: no thread waits while a partition owner is slow or cut off.
   */
  public Future<List<HopRecord>> hops(Collection<String> hopIds) {
    List<Future<String>> gets = new ArrayList<>();
    for (String id : new java.util.LinkedHashSet<>(hopIds)) {
      gets.add(on(hops.getAsync(id)));
    }
    return Future.all(gets).map(all -> {
      List<HopRecord> out = new ArrayList<>();
      for (Future<String> f : gets) {
        if (f.result() != null) {
          out.add(HopRecord.fromJson(new JsonObject(f.result())));
        }
      }
      out.sort(java.util.Comparator.comparingLong(HopRecord::queuedAt));
      return out;
    });
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

  /** Runs read from the maps for one page: newest first; {@code exhausted} when no older run matches. */
  public record MapPage(List<RunRecord> runs, boolean exhausted) {}

  /** The first slice of time a page looks at, below its cursor (it grows fourfold per slice). */
  static final long FIRST_SLICE_MICROS = 60_000_000L;

  /**
   * At least {@code need} runs after {@code cursor} (null: from the newest) matching the filters
   * (null: any), newest first, or all there are. Reads slices of time below the cursor through
   * the {@link RunAttributes#CREATED_AT} index, each four times as long as the one before, until
   * enough runs are found, so a page reads the runs near it and not the history. Below
   * {@code horizonMicros} (now minus the record retention: only running runs and ended runs not yet
   * expired are that old) the rest is read in one query. Runs on a worker thread.
   */
  public Future<MapPage> runsAfter(RunPage.Cursor cursor, String workflow, String state, int need, long nowMicros,
                                   long horizonMicros) {
    return io.nearflow.cluster.ClusterCalls.blocking(context.owner(), () -> {
      List<RunRecord> out = new ArrayList<>();
      long hi = cursor == null ? Long.MAX_VALUE : cursor.createdAt() + 1; // exclusive; ties checked below
      long base = cursor == null ? nowMicros : Math.min(cursor.createdAt(), nowMicros);
      long width = FIRST_SLICE_MICROS;
      while (true) {
        boolean last = base - width <= horizonMicros;
        long lo = last ? Long.MIN_VALUE : base - width;
        List<Predicate<String, String>> terms = new ArrayList<>();
        terms.add(Predicates.lessThan(RunAttributes.CREATED_AT, hi));
        if (!last) {
          terms.add(Predicates.greaterEqual(RunAttributes.CREATED_AT, lo));
        }
        if (workflow != null) {
          terms.add(Predicates.equal(RunAttributes.WORKFLOW, workflow));
        }
        if (state != null) {
          terms.add(Predicates.equal(RunAttributes.STATE, state));
        }
        @SuppressWarnings("unchecked")
        Predicate<String, String> slice = Predicates.and(terms.toArray(new Predicate[0]));
        runs.values(slice).forEach(s -> {
          RunRecord r = RunRecord.fromJson(new JsonObject(s));
          if (cursor == null || cursor.before(r)) {
            out.add(r);
          }
        });
        if (last || out.size() >= need) {
          out.sort(RunPage.NEWEST_FIRST);
          return new MapPage(out, last);
        }
        hi = lo;
        width *= 4;
      }
    });
  }

  /**
   * The runs in state RUNNING (evaluated on the partition owners: only those records travel;
   * adoption and resumption need only these, not the history).
   */
  public Future<List<RunRecord>> unendedRuns() {
    return io.nearflow.cluster.ClusterCalls.blocking(context.owner(), () -> {
      List<RunRecord> out = new ArrayList<>();
      runs.values(Predicates.equal(RunAttributes.STATE, RunState.RUNNING.name())).forEach(s -> out.add(RunRecord.fromJson(new JsonObject(s))));
      return out;
    });
  }

  /** All runs, newest first. Runs on a worker thread: it reads every partition. */
  public Future<List<RunRecord>> runs() {
    return io.nearflow.cluster.ClusterCalls.blocking(context.owner(), () -> {
      List<RunRecord> out = new ArrayList<>();
      runs.values().forEach(s -> out.add(RunRecord.fromJson(new JsonObject(s))));
      out.sort(java.util.Comparator.comparingLong(RunRecord::createdAt).reversed());
      return out;
    });
  }
}
