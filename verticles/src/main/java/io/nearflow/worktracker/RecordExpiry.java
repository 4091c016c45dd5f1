package io.nearflow.worktracker;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.nearflow.protocol.Micros;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Removes from the cluster maps the records of runs that ended more than the retention ago, and
 * their hops' records. One sweep is one query on the {@link RunAttributes#ENDED_AT} index (it
 * finds only the runs that expired since the last sweep, not the history), then one entry
 * processor per run (it deletes the run only if it is still ended before the cut-off: a run
 * retried meanwhile stays) and a delete of the hops the deleted runs list. Running runs are never
 * touched: their {@code endedAt} is 0.
 *
 * <p>Runs before hops: a run left without some of its hops (a failed hop delete) is worse than a
 * hop left without its run, and hop deletes that fail are kept and tried again at the next sweep.
 * An entry a split's merge brings back is found again by the next sweep (the run) or came back
 * with its run (the hops). Blocking map calls: {@link #sweep} runs them on a worker.
 */
public final class RecordExpiry {
  private static final Logger LOG = Logger.getLogger(RecordExpiry.class.getName());
  private final Vertx vertx;
  private final IMap<String, String> runs;
  private final IMap<String, String> hops;
  private final Clock clock;
  private final long retentionMicros;
  private final Set<String> hopsLeft = new HashSet<>();
  private boolean sweeping;

  public RecordExpiry(Vertx vertx, HazelcastInstance hazelcast, Clock clock, RecordRetention retention) {
    this.vertx = vertx;
    this.runs = hazelcast.getMap(WorkTracker.RUNS);
    this.hops = hazelcast.getMap(WorkTracker.HOPS);
    this.clock = clock;
    this.retentionMicros = retention.retention().toMillis() * 1000;
  }

  /** One sweep; completes with the number of runs expired. A sweep still going makes this a no-op. */
  public Future<Integer> sweep() {
    if (sweeping) {
      return Future.succeededFuture(0);
    }
    sweeping = true;
    long cutoff = Micros.now(clock) - retentionMicros;
    return io.nearflow.cluster.ClusterCalls.blocking(vertx, () -> {
      Set<String> expired = runs.keySet(Predicates.and(
          Predicates.greaterThan(RunAttributes.ENDED_AT, 0L), Predicates.lessThan(RunAttributes.ENDED_AT, cutoff)));
      Set<String> hopIds = new HashSet<>(pendingHops());
      int n = 0;
      if (!expired.isEmpty()) {
        Map<String, String> removed = runs.executeOnKeys(expired, new ExpireRun(cutoff));
        for (String json : removed.values()) {
          if (json != null) {
            n++;
            new JsonObject(json).getJsonArray("hopIds").forEach(h -> hopIds.add((String) h));
          }
        }
      }
      if (!hopIds.isEmpty()) {
        try {
          hops.executeOnKeys(hopIds, new ExpireRun(Long.MAX_VALUE));
        } catch (RuntimeException e) {
          keepHops(hopIds);
          throw e;
        }
      }
      return n;
    }).onComplete(ar -> {
      sweeping = false;
      if (ar.failed()) {
        LOG.warning("record expiry sweep failed (tried again at the next): " + ar.cause());
      } else if (ar.result() > 0) {
        LOG.fine("expired the records of " + ar.result() + " ended run(s)");
      }
    });
  }

  private synchronized Set<String> pendingHops() {
    Set<String> s = new HashSet<>(hopsLeft);
    hopsLeft.clear();
    return s;
  }

  private synchronized void keepHops(Set<String> ids) {
    hopsLeft.addAll(ids);
  }

  /**
   * Deletes a run record that is still ended before the cut-off and returns it (null otherwise),
   * or, with a cut-off of {@link Long#MAX_VALUE}, deletes any record (a hop of an expired run).
   */
  static final class ExpireRun implements EntryProcessor<String, String, String> {
    private static final long serialVersionUID = 1L;
    private final long cutoff;

    ExpireRun(long cutoff) {
      this.cutoff = cutoff;
    }

    @Override
    public String process(Map.Entry<String, String> entry) {
      String was = entry.getValue();
      if (was == null) {
        return null;
      }
      if (cutoff != Long.MAX_VALUE) {
        Object ended = RunAttributes.topLevel(was, RunAttributes.ENDED_AT);
        Object state = RunAttributes.topLevel(was, RunAttributes.STATE);
        if (!(ended instanceof Long e) || e <= 0 || e >= cutoff || !(state instanceof String s)
            || !RunState.valueOf(s).terminal()) {
          return null;
        }
      }
      entry.setValue(null);
      return cutoff == Long.MAX_VALUE ? "" : was; // a hop's record is not needed back
    }
  }
}
