package io.nearflow.orchestrator;

import io.nearflow.protocol.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Replicates what a zone scheduler holds to the standby orchestrators of its zone, so the loss of
 * the scheduler's host loses no run: every hop and run record it feeds, and every run change it
 * keeps for another zone's answer (its outbox), go to each standby in batches every
 * {@value #INTERVAL_MS} ms, one batch in flight per standby, a later value of a key replacing an
 * earlier one still waiting. The standby is in the same zone, so this never crosses the WAN and
 * keeps working while the zone is cut off from the cluster maps' owners.
 *
 * <p>A standby that appears (it started, or the zone's membership changed) first gets everything
 * the scheduler holds ({@link Snapshot}); a batch it did not acknowledge is kept and sent again
 * with backoff, so a standby misses nothing while it lives. Asynchronous, like the record feed: a
 * scheduler that dies loses at most its last batch window, and the hops in it run again (at least
 * once; the run's change tokens drop duplicates). Used on one Vert.x context only.
 */
final class ReplicaFeed implements io.nearflow.worktracker.RecordFeed.Mirror {
  private static final Logger LOG = Logger.getLogger(ReplicaFeed.class.getName());
  static final long INTERVAL_MS = 20;
  private static final long MAX_BACKOFF_MS = 2_000;
  private static final int HANDOVER_ATTEMPTS = 30;

  /** Everything the scheduler holds, for a standby that starts from nothing. */
  interface Snapshot {
    void fill(Map<String, String> hops, Map<String, String> runs, Map<String, String> outbox);
  }

  private final Vertx vertx;
  private final String nodeId;
  private final long timeoutMs;
  private final Snapshot snapshot;
  private final Map<String, Channel> channels = new HashMap<>();

  ReplicaFeed(Vertx vertx, String nodeId, long timeoutMs, Snapshot snapshot) {
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.timeoutMs = timeoutMs;
    this.snapshot = snapshot;
  }

  /** The zone's standbys now: new ones get a snapshot, departed ones are dropped. */
  void standbys(Set<String> ids) {
    channels.keySet().removeIf(id -> {
      if (!ids.contains(id)) {
        channels.get(id).close();
        return true;
      }
      return false;
    });
    for (String id : ids) {
      if (!channels.containsKey(id)) {
        Channel c = new Channel(id);
        channels.put(id, c);
        snapshot.fill(c.hops, c.runs, c.outbox);
        c.schedule(0);
      }
    }
  }

  /** Sends everything held to {@code target} once, as a hand-over (this node stopped scheduling its zone). */
  void handOver(String target) {
    Channel c = new Channel(target); // one-shot, outside the standbys' channels: it ends once acknowledged
    c.handover = true;
    snapshot.fill(c.hops, c.runs, c.outbox);
    c.schedule(0);
  }

  /**
   * Runs {@code action} once everything offered so far has been acknowledged by every standby
   * (at once when there is none; when a standby leaves, it no longer holds anything back). Used to
   * delete what a change made obsolete only after a standby that may take over knows the change.
   */
  void whenReplicated(Runnable action) {
    if (channels.isEmpty()) {
      action.run();
      return;
    }
    int[] left = {channels.size()};
    Runnable one = () -> {
      if (--left[0] == 0) {
        action.run();
      }
    };
    channels.values().forEach(c -> c.waitFor(one));
  }

  boolean replicating() {
    return !channels.isEmpty();
  }

  @Override
  public void hop(io.nearflow.worktracker.HopRecord hop) {
    channels.values().forEach(c -> c.put(c.hopRecords, hop.hopId(), hop));
  }

  @Override
  public void run(String runId, String json) {
    channels.values().forEach(c -> c.put(c.runs, runId, json));
  }

  /** A change kept for another zone's answer ({@code json}), or settled ({@code null}). */
  void outbox(String token, String json) {
    channels.values().forEach(c -> c.put(c.outbox, token, json));
  }

  /** Records waiting for a standby (all standbys together). */
  int backlog() {
    return channels.values().stream().mapToInt(c -> c.hops.size() + c.hopRecords.size() + c.runs.size() + c.outbox.size()).sum();
  }

  private final class Channel {
    final String target;
    /** Hop records as encoded (a snapshot) ... */
    final Map<String, String> hops = new LinkedHashMap<>();
    /** ... and as saved, encoded when the batch goes out (a later save may replace one first). */
    final Map<String, io.nearflow.worktracker.HopRecord> hopRecords = new LinkedHashMap<>();
    final Map<String, String> runs = new LinkedHashMap<>();
    final Map<String, String> outbox = new LinkedHashMap<>();
    boolean handover;
    boolean inFlight;
    /** Waiting for the next batch (what is pending now) to be acknowledged. */
    List<Runnable> waiters = new ArrayList<>();
    /** Waiting for the batch in flight. */
    List<Runnable> inFlightWaiters = new ArrayList<>();
    boolean closed;
    long timer = -1;
    int failures;

    Channel(String target) {
      this.target = target;
    }

    <V> void put(Map<String, V> m, String key, V value) {
      m.put(key, value);
      schedule(INTERVAL_MS);
    }

    void schedule(long delayMs) {
      if (timer < 0 && !inFlight && !closed) {
        timer = vertx.setTimer(Math.max(1, delayMs), t -> flush());
      }
    }

    void waitFor(Runnable r) {
      boolean pending = !hops.isEmpty() || !hopRecords.isEmpty() || !runs.isEmpty() || !outbox.isEmpty();
      if (pending) {
        waiters.add(r);
        schedule(INTERVAL_MS);
      } else if (inFlight) {
        inFlightWaiters.add(r);
      } else {
        r.run();
      }
    }

    void close() {
      List<Runnable> release = new ArrayList<>(inFlightWaiters);
      release.addAll(waiters);
      inFlightWaiters.clear();
      waiters.clear();
      release.forEach(Runnable::run);
      closed = true;
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }

    private void flush() {
      timer = -1;
      if (closed || (hops.isEmpty() && hopRecords.isEmpty() && runs.isEmpty() && outbox.isEmpty())) {
        return;
      }
      hopRecords.forEach((id, rec) -> hops.put(id, rec.toJson().encode()));
      hopRecords.clear();
      Map<String, String> h = new LinkedHashMap<>(hops);
      Map<String, String> r = new LinkedHashMap<>(runs);
      Map<String, String> o = new LinkedHashMap<>(outbox);
      hops.clear();
      runs.clear();
      outbox.clear();
      boolean wasHandover = handover;
      handover = false;
      List<Runnable> sentWaiters = waiters;
      waiters = new ArrayList<>();
      inFlightWaiters = sentWaiters;
      JsonObject body = new JsonObject().put("from", nodeId).put("hops", asJson(h)).put("runs", asJson(r))
          .put("outbox", asJson(o)).put("handover", wasHandover);
      inFlight = true;
      vertx.eventBus().request(Addresses.schedulerReplica(target), body,
          new DeliveryOptions().setSendTimeout(timeoutMs)).onComplete(ar -> {
            inFlight = false;
            if (closed) {
              return;
            }
            inFlightWaiters = new ArrayList<>();
            if (ar.succeeded()) {
              sentWaiters.forEach(Runnable::run);
              if (failures > 0) {
                LOG.info("standby " + target + " receives replicas again after " + failures + " failed batch(es)");
              }
              failures = 0;
              if (!hops.isEmpty() || !hopRecords.isEmpty() || !runs.isEmpty() || !outbox.isEmpty()) {
                schedule(INTERVAL_MS);
              }
              return;
            }
            h.keySet().removeAll(hopRecords.keySet()); // a newer save of the hop waits
            keepOlder(h, hops);
            keepOlder(r, runs);
            keepOlder(o, outbox);
            handover |= wasHandover;
            sentWaiters.addAll(waiters); // they wait for the resent batch
            waiters = sentWaiters;
            failures++;
            if (handover && !channels.containsValue(this) && failures >= HANDOVER_ATTEMPTS) {
              LOG.warning("hand-over to " + target + " abandoned after " + failures + " attempts ("
                  + ar.cause().getMessage() + "); the records stay in the journal and the cluster maps");
              close();
              return;
            }
            if (failures == 1 || failures % 20 == 0) {
              LOG.warning("standby " + target + ": " + (hops.size() + hopRecords.size() + runs.size() + outbox.size())
                  + " record(s) wait to be replicated (" + ar.cause().getMessage() + ")");
            }
            schedule(Math.min(MAX_BACKOFF_MS, INTERVAL_MS << Math.min(failures, 7)));
          });
    }
  }

  /** Puts back what failed, unless a newer value (or a removal, null) of the key already waits. */
  private static void keepOlder(Map<String, String> failed, Map<String, String> waiting) {
    failed.forEach((k, v) -> {
      if (!waiting.containsKey(k)) {
        waiting.put(k, v);
      }
    });
  }

  private static JsonObject asJson(Map<String, String> m) {
    JsonObject j = new JsonObject();
    m.forEach(j::put); // a null value travels as null: the key was removed
    return j;
  }
}
