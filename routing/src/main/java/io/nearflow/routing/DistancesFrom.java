package io.nearflow.routing;

/**
 * Distances from one origin locality (a data unit's) to many targets (candidate instances).
 * Obtained from {@link DistanceCalculator#from(Locality)}; it resolves the origin once, so a
 * target costs a host comparison, a zone-index lookup and one array read.
 *
 * <p>Same rules as {@link DistanceCalculator#distance}; bound to the snapshot it came from.
 * {@link CandidateTable} goes further and resolves the targets ahead of time too.
 */
public final class DistancesFrom {
  private final DistanceCalculator calculator;
  private final String host;
  private final int hostHash;
  private final int[] row;
  private final int ownZoneDistance;

  DistancesFrom(DistanceCalculator calculator, String host, int[] row, int zoneIndex) {
    this.calculator = calculator;
    this.host = host;
    this.hostHash = host == null ? 0 : host.hashCode();
    this.row = row;
    this.ownZoneDistance = row[zoneIndex];
  }

  /** Distance from the origin to {@code target}: 0 on the origin's host, else zone-level. */
  public int to(Locality target) {
    Locality t = orUnknown(target);
    return isSameHost(t) ? 0 : otherHostDistance(calculator.zoneIndexOf(t));
  }

  /**
   * Zone-level distance from the origin to {@code target}: hosts only help resolve zones, and a
   * target on the origin's host counts as in the origin's zone (intra-zone distance, or the
   * unknown distance when the origin's zone is unresolved) whatever zone it claims.
   */
  public int zoneDistance(Locality target) {
    Locality t = orUnknown(target);
    return isSameHost(t) ? ownZoneDistance : otherHostDistance(calculator.zoneIndexOf(t));
  }

  /** Whether {@code target} is on the origin's host (false when either host is unknown). */
  public boolean isSameHost(Locality target) {
    String h = orUnknown(target).host();
    return isHost(h.hashCode(), h);
  }

  /**
   * Whether a target host (given with its hash) is the origin's host. The hash comparison
   * settles the common "different host" case without reading the string.
   */
  boolean isHost(int targetHostHash, String targetHost) {
    return targetHostHash == hostHash && host != null && host.equals(targetHost);
  }

  /** The origin host's hash (0 when unknown; {@link #isHost} then never matches). */
  int hostHash() {
    return hostHash;
  }

  /** Zone-level distance to a target zone index, for a target not on the origin's host. */
  int otherHostDistance(int targetZoneIndex) {
    return row[targetZoneIndex];
  }

  private static Locality orUnknown(Locality l) {
    return l == null ? Locality.unknown() : l;
  }

  /** Zone-level distance of the origin's own zone: intra-zone, or unknown if unresolved. */
  int ownZoneDistance() {
    return ownZoneDistance;
  }
}
