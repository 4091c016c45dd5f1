package io.nearflow.step;

/**
 * The hop was cancelled while its step ran, and the step was stopped (its process killed, its
 * Java thread interrupted, its remote call cancelled). Neither the step's fault nor a sick target.
 */
public final class StepCancelledException extends StepException {
  public StepCancelledException(String message) {
    super(message, null);
  }
}
