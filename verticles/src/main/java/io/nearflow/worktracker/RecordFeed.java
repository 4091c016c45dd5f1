package io.nearflow.worktracker;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Feeds the cluster-wide view of hop and run records (the work tracker's maps, which queries and
 * fail-over read) asynchronously and in batches, so no write to a map whose owner may be across a
 * WAN is on a hop's path. Every {@value #INTERVAL_MS} ms the records changed since the last batch
 * go out in one {@code putAll} per map, hops before runs, so a reader that sees a run ended sees
 * its hops' final records too; a later value of a key replaces an earlier one still waiting.
 * A batch that fails (the map's owners are cut off) is kept and sent again with backoff, until
 * the link returns: nothing is dropped. Used on one Vert.x context only.
 */
public final class RecordFeed {
  private static final Logger LOG = Logger.getLogger(RecordFeed.class.getName());
  static final long INTERVAL_MS = 20;
  private static final long MAX_BACKOFF_MS = 2000;

  private final Vertx vertx;
  private final Context context;
  private final IMap<String, String> hops;
  private final IMap<String, String> runs;
  private final long timeoutMs;
  private final RecordJournal journal;
  /** Encoded when the batch goes out: a hop's record replaced before that is never encoded. */
  private final Map<String, HopRecord> pendingHops = new LinkedHashMap<>();
  private final Map<String, String> pendingRuns = new LinkedHashMap<>();
  private Mirror mirror;
  private boolean inFlight;
  private long timer = -1;
  private int failures;

  /** @param journal where each batch is appended before it goes to the maps (null: none) */
  public RecordFeed(Vertx vertx, HazelcastInstance hazelcast, Context context, long timeoutMs, RecordJournal journal) {
    this.journal = journal;
    this.vertx = vertx;
    this.context = context;
    this.hops = hazelcast.getMap(WorkTracker.HOPS);
    this.runs = hazelcast.getMap(WorkTracker.RUNS);
    this.timeoutMs = timeoutMs;
  }

  /** Also receives every record fed, as it is offered (e.g. the zone's standbys: not held back while the maps are cut off). */
  public interface Mirror {
    /** The record as saved (encode it when it goes out: a later save of the hop may replace it first). */
    void hop(HopRecord hop);

    void run(String runId, String storedJson);
  }

  public void mirrorTo(Mirror mirror) {
    this.mirror = mirror;
  }

  public void hop(HopRecord hop) {
    pendingHops.put(hop.hopId(), hop);
    if (mirror != null) {
      mirror.hop(hop);
    }
    schedule(INTERVAL_MS);
  }

  /** @param storedJson the run as stored (a {@link RunRecord} and the change tokens beside it) */
  public void run(String runId, String storedJson) {
    pendingRuns.put(runId, storedJson);
    if (mirror != null) {
      mirror.run(runId, storedJson);
    }
    schedule(INTERVAL_MS);
  }

  /** Records waiting to reach the cluster maps (grows while they are cut off). */
  public int backlog() {
    return pendingHops.size() + pendingRuns.size();
  }

  /** Sends what waits now and completes once nothing waits (or after {@code maxMs}): for a graceful stop. */
  public Future<Void> drain(long maxMs) {
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    long deadline = System.currentTimeMillis() + maxMs;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    if (!inFlight) {
      flush();
    }
    vertx.setPeriodic(10, id -> {
      if ((backlog() == 0 && !inFlight) || System.currentTimeMillis() > deadline) {
        vertx.cancelTimer(id);
        done.complete();
      }
    });
    return done.future();
  }

  private void schedule(long delayMs) {
    if (timer < 0 && !inFlight) {
      timer = vertx.setTimer(delayMs, t -> flush());
    }
  }

  private void flush() {
    timer = -1;
    if (pendingHops.isEmpty() && pendingRuns.isEmpty()) {
      return;
    }
    inFlight = true;
    Map<String, HopRecord> hopRecords = new LinkedHashMap<>(pendingHops);
    Map<String, String> h = new LinkedHashMap<>();
    hopRecords.forEach((id, hop) -> h.put(id, hop.toJson().encode()));
    Map<String, String> r = new LinkedHashMap<>(pendingRuns);
    pendingHops.clear();
    pendingRuns.clear();
    journaled(h, r).compose(v -> put(hops, h)).compose(v -> put(runs, r)).onComplete(ar -> {
      inFlight = false;
      if (ar.succeeded()) {
        if (failures > 0) {
          LOG.info("record feed reaches the cluster maps again after " + failures + " failed batches");
        }
        failures = 0;
        if (backlog() > 0) {
          schedule(INTERVAL_MS);
        }
        return;
      }
      // Keep what failed unless a newer value of the same key is already waiting.
      hopRecords.forEach(pendingHops::putIfAbsent);
      r.forEach(pendingRuns::putIfAbsent);
      failures++;
      if (failures == 1 || failures % 20 == 0) {
        LOG.warning("record feed: " + backlog() + " records wait for the cluster maps (" + ar.cause() + ")");
      }
      schedule(Math.min(MAX_BACKOFF_MS, INTERVAL_MS << Math.min(failures, 7)));
    });
  }

  /**
   * Appends the batch to the journal (on a worker, in order) before it goes to the maps. A batch
   * resent after a failed map write is appended again: reading the journal keeps the last record
   * per key, so that is harmless. A journal that cannot be written is logged and skipped: the
   * cluster maps still get the records.
   */
  private Future<Void> journaled(Map<String, String> h, Map<String, String> r) {
    if (journal == null) {
      return Future.succeededFuture();
    }
    return vertx.<Void>executeBlocking(() -> {
      journal.append(h, r);
      return null;
    }, true).recover(err -> {
      LOG.severe("record journal not written (" + err.getMessage() + "); the records go to the cluster maps only");
      return Future.succeededFuture();
    });
  }

  /**
   * After a restart: puts the journal's records back into the maps where the maps do not already
   * hold a more advanced record of the same key (see {@link RestoreRecord}).
   */
  public Future<Void> restore(RecordJournal.Contents contents) {
    java.util.List<Future<Boolean>> hopWrites = new java.util.ArrayList<>();
    contents.hops().forEach((k, v) -> hopWrites.add(
        Future.fromCompletionStage(hops.submitToKey(k, new RestoreRecord(true, v)), context)));
    return Future.all(hopWrites).compose(done -> {
      java.util.List<Future<Boolean>> runWrites = new java.util.ArrayList<>();
      contents.runs().forEach((k, v) -> runWrites.add(
          Future.fromCompletionStage(runs.submitToKey(k, new RestoreRecord(false, v)), context)));
      return Future.all(runWrites);
    }).mapEmpty();
  }

  private Future<Void> put(IMap<String, String> map, Map<String, String> batch) {
    if (batch.isEmpty()) {
      return Future.succeededFuture();
    }
    return Future.fromCompletionStage(map.putAllAsync(batch), context).timeout(timeoutMs, TimeUnit.MILLISECONDS);
  }
}
