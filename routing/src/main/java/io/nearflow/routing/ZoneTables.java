package io.nearflow.routing;

/**
 * The precomputed part of a {@link DistanceCalculator}: zone names interned to dense indexes
 * and an {@code (N+1) x (N+1)} distance table whose last row and column stand for "zone
 * unknown". Built once per topology and shared by every host-level snapshot on it.
 */
final class ZoneTables {
  private final ZoneIndex index;
  private final int[][] rows;
  private final int unknownIndex;

  ZoneTables(TopologySpec topology) {
    int n = topology.zones().size();
    index = new ZoneIndex(topology.zones());
    unknownIndex = n;
    rows = new int[n + 1][n + 1];
    for (int i = 0; i <= n; i++) {
      for (int j = 0; j <= n; j++) {
        rows[i][j] = i == n || j == n
            ? topology.unknownDistance()
            : topology.zoneDistance(topology.zones().get(i), topology.zones().get(j));
      }
    }
  }

  /** Dense index of the zone, or {@link #unknownIndex()} when unknown or not in the topology. */
  int indexOf(String zone) {
    int i = index.indexOf(zone);
    return i == ZoneIndex.ABSENT ? unknownIndex : i;
  }

  int unknownIndex() {
    return unknownIndex;
  }

  /** Distances from zone {@code i} to every zone index; shared, callers must not modify it. */
  int[] row(int i) {
    return rows[i];
  }
}
