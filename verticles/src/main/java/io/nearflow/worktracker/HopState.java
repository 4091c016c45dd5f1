package io.nearflow.worktracker;

/** The life of a hop. Terminal: SUCCEEDED, FAILED, CANCELLED. */
public enum HopState {
  /** Waiting for capacity in the work tracker's queue. */
  QUEUED,
  /** Booked on an instance, being sent to its agent. */
  ROUTED,
  /** Accepted by the agent; running (pull, compute, push). */
  DISPATCHED,
  /** Waiting before another attempt after a failure. */
  RETRYING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  public boolean terminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
