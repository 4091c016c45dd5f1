package io.nearflow.step;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One hop as a step sees it.
 *
 * @param hopId     the hop's id, for logs and for external steps that want to correlate
 * @param stepType  the step type the hop runs (an external process may serve several)
 * @param input     a local file (hard-linked or fetched by the data adapter); read it, never
 *                  modify it: a hard link shares its bytes with the adapter's store
 * @param outputDir an empty directory owned by this hop; the step writes its outputs there
 * @param params    the workflow step's parameters
 * @param timeout   how long the step may take; exceeding it fails the hop with {@link
 *                  StepTimeoutException}
 * @param cancelled completes when the hop is cancelled: the step stops (kills its process,
 *                  interrupts its thread, cancels its call) and fails with {@link StepCancelledException}
 */
public record StepInvocation(
    String hopId, String stepType, Path input, Path outputDir, Map<String, String> params, Duration timeout,
    Future<Void> cancelled) {

  /** A hop nobody cancels. */
  public StepInvocation(String hopId, String stepType, Path input, Path outputDir, Map<String, String> params,
                        Duration timeout) {
    this(hopId, stepType, input, outputDir, params, timeout, Promise.<Void>promise().future());
  }

  public StepInvocation {
    Objects.requireNonNull(hopId, "hopId");
    Objects.requireNonNull(stepType, "stepType");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(outputDir, "outputDir");
    params = Map.copyOf(Objects.requireNonNull(params, "params"));
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(cancelled, "cancelled");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }
}
