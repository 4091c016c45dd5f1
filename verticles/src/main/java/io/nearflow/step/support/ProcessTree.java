package io.nearflow.step.support;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Stops a process and everything it started: SIGTERM to the whole tree, SIGKILL to what is left
 * after a grace period. The whole tree, because {@code sh -c 'tool ...'} leaves {@code tool}
 * running when only the shell dies. Listing descendants scans {@code /proc}, so signalling runs
 * on a worker thread; waiting is a timer plus exit futures.
 */
public final class ProcessTree {
  private static final long AFTER_KILL_MS = 2_000;

  private ProcessTree() {}

  /** Completes when the tree has exited, or shortly after SIGKILL if exits are not observed. */
  public static Future<Void> stop(Vertx vertx, ProcessHandle root, Duration grace) {
    // Exit futures complete on JDK reaper threads; come back to the caller's context.
    Context context = vertx.getOrCreateContext();
    return vertx.executeBlocking(() -> terminate(root), false).compose(tree -> {
      Promise<Void> stopped = Promise.promise();
      CompletableFuture<?>[] exits = tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
      CompletableFuture.allOf(exits).whenComplete((v, e) -> context.runOnContext(x -> stopped.tryComplete()));
      long kill = vertx.setTimer(Math.max(1, grace.toMillis()), id -> vertx.executeBlocking(() -> {
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        return null;
      }, false).onComplete(x ->
          // An orphaned grandchild is reaped by init, which some containers do not run: do not
          // wait forever for an exit we may never see once SIGKILL has been sent.
          vertx.setTimer(AFTER_KILL_MS, id2 -> stopped.tryComplete())));
      return stopped.future().onComplete(ar -> vertx.cancelTimer(kill));
    });
  }

  private static List<ProcessHandle> terminate(ProcessHandle root) {
    List<ProcessHandle> tree = new ArrayList<>();
    tree.add(root);
    root.descendants().forEach(tree::add);
    tree.forEach(ProcessHandle::destroy);
    return tree;
  }
}
