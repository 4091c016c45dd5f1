package io.nearflow.step;

/**
 * The step instance cannot take hops right now: its external process is down, restarting or not
 * answering, or the instance is closed. The hop never reached user code; retry it elsewhere and
 * let the breaker count it.
 */
public final class StepUnavailableException extends StepException {

  public StepUnavailableException(String message) {
    super(message, null);
  }

  public StepUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
