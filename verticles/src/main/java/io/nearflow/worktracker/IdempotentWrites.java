package io.nearflow.worktracker;

import com.hazelcast.core.MemberLeftException;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.spi.exception.RetryableException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Tries an idempotent work-tracker call up to {@code attempts} times within one time limit
 * ({@code timeouts.workTrackerMs}: "idempotent calls are tried 3 times within it"), so one lost
 * reply or one partition moving does not leave a hop's record or its run's change unwritten,
 * and with it the run RUNNING for ever.
 *
 * <p>Only failures that say the cluster, not the call, was the problem are retried: no answer
 * within an attempt's share of the limit, Hazelcast's operation timeout, a member that left, a
 * partition that moved ({@link RetryableException}). An attempt that timed out may still be
 * applied later, so the operation must be idempotent: a hop record written whole, or a
 * {@link RunChange} — pass the same instance to every attempt, since it recognises its own
 * re-application by a token it carries.
 */
public final class IdempotentWrites {
  private static final long MIN_ATTEMPT_MS = 200;

  private IdempotentWrites() {}

  /**
   * @param total the time limit for all attempts together
   * @param call starts one attempt (called once per attempt, on the caller's context)
   */
  public static <T> Future<T> call(Vertx vertx, Duration total, int attempts, Supplier<Future<T>> call) {
    long perAttempt = Math.max(MIN_ATTEMPT_MS, total.toMillis() / Math.max(1, attempts));
    Promise<T> result = Promise.promise();
    attempt(vertx, call, perAttempt, Math.max(1, attempts), result);
    return result.future();
  }

  private static <T> void attempt(Vertx vertx, Supplier<Future<T>> call, long timeoutMs, int left, Promise<T> result) {
    Promise<T> thisAttempt = Promise.promise();
    long timer = vertx.setTimer(timeoutMs,
        t -> thisAttempt.tryFail(new TimeoutException("no answer from the work tracker within " + timeoutMs + " ms")));
    call.get().onComplete(ar -> {
      if (ar.succeeded()) {
        thisAttempt.tryComplete(ar.result());
      } else {
        thisAttempt.tryFail(ar.cause());
      }
    });
    thisAttempt.future().onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        result.complete(ar.result());
      } else if (left > 1 && retryable(ar.cause())) {
        attempt(vertx, call, timeoutMs, left - 1, result);
      } else {
        result.fail(ar.cause());
      }
    });
  }

  static boolean retryable(Throwable err) {
    for (Throwable t = err; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TimeoutException || t instanceof OperationTimeoutException || t instanceof MemberLeftException
          || t instanceof RetryableException) {
        return true;
      }
    }
    return false;
  }
}
