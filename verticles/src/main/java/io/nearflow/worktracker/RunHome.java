package io.nearflow.worktracker;

import java.util.Optional;

/**
 * A run's home zone travels in its id ({@code r<16 hex>.<zone>}), and a hop id starts with its
 * run id ({@code <run id>-<12 hex>}), so any node can tell which zone's scheduler coordinates a
 * run, or the run of a hop, without a look-up. Ids of the older form carry no zone.
 */
public final class RunHome {
  private static final int RUN_PREFIX = 17; // "r" + 16 hex
  private static final int HOP_SUFFIX = 13; // "-" + 12 hex

  private RunHome() {}

  /** A new run id homed in {@code zone}. */
  public static String newRunId(String zone, String random16Hex) {
    return "r" + random16Hex + "." + zone;
  }

  /** The home zone of a run id, if it names one. */
  public static Optional<String> zoneOfRun(String runId) {
    if (runId == null || runId.length() <= RUN_PREFIX + 1 || runId.charAt(RUN_PREFIX) != '.') {
      return Optional.empty();
    }
    return Optional.of(runId.substring(RUN_PREFIX + 1));
  }

  /** The run id of a hop id. */
  public static String runOfHop(String hopId) {
    return hopId.length() > HOP_SUFFIX ? hopId.substring(0, hopId.length() - HOP_SUFFIX) : hopId;
  }
}
