package io.nearflow.testing;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for a condition or a future, always with a deadline; never a bare sleep. */
public final class Await {
  private Await() {}

  public static <T> T result(Future<T> f, Duration timeout) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new AssertionError("future failed: " + e.getCause(), e.getCause());
    } catch (Exception e) {
      throw new AssertionError("future did not complete within " + timeout, e);
    }
  }

  /** Polls {@code condition} every 10 ms until it holds; fails with {@code what} after the deadline. */
  public static long until(BooleanSupplier condition, Duration timeout, Supplier<String> what) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout + ": " + what.get());
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for: " + what.get());
      }
    }
    return (System.nanoTime() - start) / 1_000_000;
  }
}
