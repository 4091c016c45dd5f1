package io.nearflow.step;

import io.vertx.core.Future;

/**
 * One step instance's implementation. Implementations never block the calling (event-loop)
 * thread, honour {@link StepInvocation#timeout()} and fail only with a {@link StepException}
 * subtype, so callers can decide between "retry elsewhere" and "the step said no".
 */
public interface Step {

  /** Runs one hop; the outputs are files inside {@code inv.outputDir()}. */
  Future<StepResult> run(StepInvocation inv);

  /** Releases what the instance holds (worker threads, an external process). Idempotent. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
