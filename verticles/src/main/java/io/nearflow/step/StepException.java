package io.nearflow.step;

/**
 * Why a hop did not produce outputs. The three subtypes are the only ways a {@link Step} fails;
 * the distinction matters to circuit breakers, so keep new failure modes inside one of them.
 */
public abstract sealed class StepException extends RuntimeException
    permits StepFailedException, StepTimeoutException, StepUnavailableException, StepCancelledException {

  protected StepException(String message, Throwable cause) {
    super(message, cause);
  }
}
