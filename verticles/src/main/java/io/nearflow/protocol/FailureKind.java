package io.nearflow.protocol;

/**
 * Why a hop did not succeed. Only the "target is sick" kinds may count against a circuit
 * breaker; a step's own error never does.
 */
public enum FailureKind {
  /** The step ran and raised its own error (bad input, a bug, a non-zero exit). */
  STEP_FAILED(false),
  /** The step exceeded the hop's timeout. */
  TIMEOUT(true),
  /** The target could not run it (instance down, process restarting, agent shutting down). */
  UNAVAILABLE(true),
  /** The input could not be fetched or the output could not be stored. */
  DATA(false),
  /** Cancelled on request. */
  CANCELLED(false);

  private final boolean targetSick;

  FailureKind(boolean targetSick) {
    this.targetSick = targetSick;
  }

  public boolean targetSick() {
    return targetSick;
  }
}
