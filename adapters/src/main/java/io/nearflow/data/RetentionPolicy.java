package io.nearflow.data;

/**
 * What happens to a data unit once the workflow no longer needs it. This is the one place that
 * decides; the orchestrator asks it when the last consumer of a unit has its copy and then calls
 * the adapter's {@code delete} for every location. Per-workflow overrides will be added here.
 */
public enum RetentionPolicy {
  /** Keep the unit until someone deletes it explicitly (final outputs, submitted inputs). */
  KEEP,
  /** Delete the unit from every location once every consumer step has pulled it (intermediates). */
  DELETE_WHEN_CONSUMED;

  /** The default: final outputs of a run are kept, intermediate units are cleaned up. */
  public static RetentionPolicy defaultFor(boolean finalOutput) {
    return finalOutput ? KEEP : DELETE_WHEN_CONSUMED;
  }

  public boolean deletesWhenConsumed() {
    return this == DELETE_WHEN_CONSUMED;
  }
}
