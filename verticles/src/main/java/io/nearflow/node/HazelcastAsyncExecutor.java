package io.nearflow.node;

import com.hazelcast.internal.util.ConcurrencyUtil;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Gives Hazelcast a pool for the callbacks of its futures on hosts with one or two cores.
 *
 * <p>Hazelcast runs every dependent action of its futures ({@code whenComplete}, {@code thenApply},
 * also inside {@code putAll} and {@code submitToKeys}, which combine per-partition futures) on its
 * default async executor: {@code ForkJoinPool.commonPool()}, or, when the common pool's parallelism
 * is 1 (any host with at most 2 cores), a NEW THREAD PER CALLBACK. Every map write, read and entry
 * processor the node does then starts and ends one to three threads. In the micro bench (3 members
 * in one JVM on 2 cores) that was ~2 thread starts per hop, 600 a second.
 *
 * <p>Where that is the case, this installs one pool per JVM, sized as the common pool is on a
 * 3-core host (2 workers, so a callback that blocks does not stop the others): the configuration
 * Hazelcast runs with on every larger host. On hosts whose common pool has 2 or more workers,
 * nothing changes.
 *
 * <p>{@code ConcurrencyUtil} is in Hazelcast's {@code internal} package (no public API sets the
 * executor; it is what Hazelcast's own tests use). Should a Hazelcast upgrade remove it, this class
 * stops compiling, which is where the upgrade must look.
 */
final class HazelcastAsyncExecutor {
  private static final Logger LOG = Logger.getLogger(HazelcastAsyncExecutor.class.getName());
  private static final int WORKERS = 2;
  private static boolean installed;

  private HazelcastAsyncExecutor() {}

  /** Idempotent; call before the node's Hazelcast member starts. */
  static synchronized void installIfThreadPerTask() {
    if (installed || ForkJoinPool.getCommonPoolParallelism() > 1) {
      return;
    }
    AtomicInteger n = new AtomicInteger();
    Executor pool = new ForkJoinPool(WORKERS, p -> {
      ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
      t.setName("nearflow-hazelcast-async-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }, null, true);
    ConcurrencyUtil.setDefaultAsyncExecutor(pool);
    installed = true;
    LOG.fine(() -> "Hazelcast future callbacks run on a pool of " + WORKERS + " (the common pool has 1 worker here)");
  }
}
