package io.nearflow.orchestrator;

import io.nearflow.routing.DistanceCalculator;

/**
 * The latest distance tables this orchestrator received from the distance calculator. Routing
 * reads the current snapshot; updates replace it whole (the calculator is immutable).
 */
public final class DistanceView {
  private volatile DistanceCalculator current;

  public DistanceView(DistanceCalculator initial) {
    this.current = initial;
  }

  public DistanceCalculator get() {
    return current;
  }

  public void set(DistanceCalculator next) {
    this.current = next;
  }
}
