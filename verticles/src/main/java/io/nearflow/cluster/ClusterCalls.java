package io.nearflow.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Where blocking calls on cluster-wide Hazelcast structures run (queries over a map, a
 * {@code getAll}, {@code executeOnEntries}): a pool of their own, never Vert.x's shared worker
 * pool. Such a call waits for partition owners that may sit across a WAN link or be cut off (until
 * Hazelcast declares them dead, 15 s or more, or its invocation times out). On the shared pool a
 * burst of them (API queries during a cut) took every worker thread, and the hop path's own
 * blocking work (an agent preparing a hop's scratch directory, the record journal) queued behind
 * them: edge-local hops stalled during a cut although none of them needed the WAN.
 */
public final class ClusterCalls {
  static final String POOL = "nearflow-cluster-calls";
  static final int THREADS = 8;

  private ClusterCalls() {}

  /** Runs {@code call} on the cluster-calls pool (not ordered). */
  public static <T> Future<T> blocking(Vertx vertx, Callable<T> call) {
    return pool(vertx).executeBlocking(call, false);
  }

  /** One executor per Vert.x instance (several embedded nodes may share a JVM); closed with it. */
  private static final java.util.Map<Vertx, WorkerExecutor> POOLS =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private static WorkerExecutor pool(Vertx vertx) {
    return POOLS.computeIfAbsent(vertx, v -> v.createSharedWorkerExecutor(POOL, THREADS, 10, TimeUnit.MINUTES));
  }
}
