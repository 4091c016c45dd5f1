package io.nearflow.orchestrator;

import io.nearflow.worktracker.HopRecord;
import io.nearflow.worktracker.RunHome;
import io.nearflow.worktracker.RunRecord;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A standby's copy of what its zone's scheduler holds (see {@link ReplicaFeed}): hop and run
 * records as stored, and the run changes the scheduler keeps for another zone's answer. When the
 * standby becomes the zone's scheduler it takes these over ({@link #takeAll}) instead of reading
 * the cluster maps, whose owners may be across a WAN or cut off. Records of runs that ended, and
 * finished hops of runs homed elsewhere, are dropped {@value #ENDED_KEEP_MS} ms after they ended
 * (the journal and the cluster maps keep the history). Used on one Vert.x context only.
 */
final class ZoneReplica {
  static final long ENDED_KEEP_MS = RunBook.ENDED_RETENTION_MS;
  /** An unfinished hop of a run homed elsewhere that has not changed for this long is forgotten. */
  static final long UNFINISHED_KEEP_MS = 3_600_000;

  /** What a new scheduler takes over. */
  record Contents(Map<String, String> hops, Map<String, String> runs, Map<String, String> outbox) {
    boolean isEmpty() {
      return hops.isEmpty() && runs.isEmpty() && outbox.isEmpty();
    }
  }

  private final Map<String, String> hops = new LinkedHashMap<>();
  private final Map<String, String> runs = new LinkedHashMap<>();
  private final Map<String, String> outbox = new LinkedHashMap<>();
  /** When a hop of a run homed elsewhere last changed (ms): one silent this long is dropped. */
  private final Map<String, Long> changedAt = new HashMap<>();
  /** When a run or hop held here was first seen ended (ms): pruned {@value #ENDED_KEEP_MS} ms later. */
  private final Map<String, Long> endedAt = new HashMap<>();

  /** Applies one batch from the scheduler; a null value removes the key. */
  void apply(JsonObject batch, long nowMs) {
    apply(batch.getJsonObject("hops", new JsonObject()), hops, nowMs, true);
    apply(batch.getJsonObject("runs", new JsonObject()), runs, nowMs, false);
    JsonObject o = batch.getJsonObject("outbox", new JsonObject());
    for (String k : o.fieldNames()) {
      String v = o.getString(k);
      if (v == null) {
        outbox.remove(k);
      } else {
        outbox.put(k, v);
      }
    }
  }

  private void apply(JsonObject in, Map<String, String> into, long nowMs, boolean isHop) {
    for (String k : in.fieldNames()) {
      String v = in.getString(k);
      if (v == null) {
        into.remove(k);
        endedAt.remove(k);
        changedAt.remove(k);
        continue;
      }
      into.put(k, v);
      if (isHop) {
        changedAt.put(k, nowMs);
      }
      boolean ended = isHop ? HopRecord.fromJson(new JsonObject(v)).state().terminal()
          : RunRecord.fromJson(new JsonObject(v)).state().terminal();
      if (ended) {
        endedAt.putIfAbsent(k, nowMs);
      } else {
        endedAt.remove(k);
      }
    }
  }

  /**
   * Drops runs that ended more than {@value #ENDED_KEEP_MS} ms ago with their hops, and finished
   * hops of runs not held here (homed in another zone) as old. A finished hop of a running run
   * held here stays: taking the run over derives its successors from it.
   */
  void prune(long nowMs) {
    long before = nowMs - ENDED_KEEP_MS;
    for (Iterator<Map.Entry<String, String>> it = runs.entrySet().iterator(); it.hasNext(); ) {
      String runId = it.next().getKey();
      Long ended = endedAt.get(runId);
      if (ended != null && ended < before) {
        it.remove();
        endedAt.remove(runId);
      }
    }
    for (Iterator<Map.Entry<String, String>> it = hops.entrySet().iterator(); it.hasNext(); ) {
      String hopId = it.next().getKey();
      if (runs.containsKey(RunHome.runOfHop(hopId))) {
        continue;
      }
      Long ended = endedAt.get(hopId);
      if (ended != null ? ended < before : changedAt.getOrDefault(hopId, nowMs) < nowMs - UNFINISHED_KEEP_MS) {
        it.remove();
        endedAt.remove(hopId);
        changedAt.remove(hopId);
      }
    }
  }

  /** Everything held, handed to the new scheduler; the replica is empty afterwards. */
  Contents takeAll() {
    Contents c = new Contents(new LinkedHashMap<>(hops), new LinkedHashMap<>(runs), new LinkedHashMap<>(outbox));
    hops.clear();
    runs.clear();
    outbox.clear();
    endedAt.clear();
    changedAt.clear();
    return c;
  }

  int size() {
    return hops.size() + runs.size() + outbox.size();
  }
}
