package io.nearflow.step;

import java.time.Duration;

/**
 * The step did not finish within the hop's timeout. Whatever ran it was stopped (process killed,
 * worker thread interrupted, gRPC call cancelled). Counts as "the target may be sick".
 */
public final class StepTimeoutException extends StepException {
  private final Duration timeout;

  public StepTimeoutException(String message, Duration timeout) {
    super(message, null);
    this.timeout = timeout;
  }

  public Duration timeout() {
    return timeout;
  }
}
