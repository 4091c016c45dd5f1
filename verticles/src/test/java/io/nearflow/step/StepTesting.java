package io.nearflow.step;

import io.nearflow.testing.Await;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Shared helpers of the step tests: hops on real files, waiting on futures with deadlines. */
public final class StepTesting {
  public static final Duration WAIT = Duration.ofSeconds(30);
  private static final AtomicLong HOPS = new AtomicLong();

  private StepTesting() {}

  public static <T> T await(Future<T> f) {
    return Await.result(f, WAIT);
  }

  /** The failure of {@code f}; an assertion error if it succeeds or does not finish in time. */
  public static Throwable awaitFailure(Future<?> f) {
    try {
      Object value = f.toCompletionStage().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      throw new AssertionError("expected a failure, got " + value);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError("future did not complete within " + WAIT, e);
    }
  }

  /** A hop on {@code input} with a fresh, empty output directory under {@code work}. */
  public static StepInvocation hop(String stepType, Path input, Path work, Map<String, String> params, Duration timeout) {
    String hopId = "hop-" + HOPS.incrementAndGet();
    try {
      Path out = Files.createDirectories(work.resolve(hopId).resolve("out"));
      return new StepInvocation(hopId, stepType, input, out, params, timeout);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  public static StepInvocation hop(String stepType, Path input, Path work, Map<String, String> params) {
    return hop(stepType, input, work, params, Duration.ofSeconds(20));
  }

  /** {@code size} pseudo-random bytes (every byte value occurs), reproducible by {@code seed}. */
  public static Path randomFile(Path file, int size, long seed) throws IOException {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return Files.write(file, bytes);
  }

  public static Path textFile(Path file, String text) throws IOException {
    return Files.writeString(file, text);
  }
}
