package io.nearflow.step;

/**
 * The step raised its own error: an exception in user code, a non-zero exit, an error returned
 * by an external process, outputs outside the output directory. The target is healthy; a breaker
 * must not count this, and retrying elsewhere usually gives the same answer.
 */
public final class StepFailedException extends StepException {

  public StepFailedException(String message) {
    super(message, null);
  }

  public StepFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
