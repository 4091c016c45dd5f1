package io.nearflow.worktracker;

/** The life of a run. Terminal: SUCCEEDED, FAILED, CANCELLED. */
public enum RunState {
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  public boolean terminal() {
    return this != RUNNING;
  }
}
