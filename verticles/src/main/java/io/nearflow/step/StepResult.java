package io.nearflow.step;

import java.nio.file.Path;
import java.util.List;

/**
 * What a hop produced.
 *
 * @param outputs      zero, one or many files inside the hop's output directory, in the order
 *                     downstream hops should see them (deterministic for a given step)
 * @param computeNanos the step's own time, without the framework's overhead around it, so the
 *                     per-hop control overhead can be measured as (hop time - computeNanos)
 */
public record StepResult(List<Path> outputs, long computeNanos) {

  public StepResult {
    outputs = List.copyOf(outputs);
    if (computeNanos < 0) {
      throw new IllegalArgumentException("computeNanos must be >= 0: " + computeNanos);
    }
  }
}
