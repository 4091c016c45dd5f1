package io.nearflow.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The candidate instances of one step type, resolved against one distance snapshot and laid out
 * as parallel primitive arrays, so a routing decision reads a few ints per candidate instead of
 * chasing {@code Candidate -> Locality -> String} pointers (which costs several nanoseconds per
 * candidate even when everything is in cache).
 *
 * <p>The SPEC asks for routing inputs that are pre-computed and kept current asynchronously;
 * this is that shape. Build it with {@link #of} when the instance list or the distance snapshot
 * changes (rare: instances or hosts joining and leaving); keep the live state current in O(1)
 * with {@link #setInFlight} and {@link #setAvailable} as hops start and end and breakers move.
 *
 * <p>Not thread-safe: confine a table to one thread (e.g. the orchestrator verticle's event
 * loop) or build a fresh one per decision, which is what the {@code List} overload of
 * {@link RoutingAlgorithm#route(RouteRequest, List, DistanceCalculator)} does.
 */
public final class CandidateTable {
  private final DistanceCalculator distances;
  private final Candidate[] candidates;
  private Map<String, Integer> indexById;

  // Read directly by the algorithms in this package; index i describes candidates[i].
  final int[] zones;
  /** Hashes of the host names; see {@link OwnHost} for why a hash is enough. */
  final int[] hostHashes;
  /** Host names (null when unknown), for the rare case a hash alone cannot decide. */
  final String[] hosts;
  final int[] inFlight;
  /** maxLoad, or 0 while unavailable, so "has capacity" is one comparison: inFlight < limit. */
  final int[] limit;

  private CandidateTable(List<Candidate> list, DistanceCalculator distances) {
    this.distances = Objects.requireNonNull(distances, "distances");
    int n = list.size();
    candidates = list.toArray(new Candidate[0]);
    zones = new int[n];
    hostHashes = new int[n];
    hosts = new String[n];
    inFlight = new int[n];
    limit = new int[n];
    for (int i = 0; i < n; i++) {
      Candidate c = Objects.requireNonNull(candidates[i], "candidate");
      Locality where = c.locality();
      zones[i] = distances.zoneIndexOf(where);
      hosts[i] = where.hasHost() ? where.host() : null;
      hostHashes[i] = where.host().hashCode();
      inFlight[i] = c.inFlight();
      limit[i] = limitOf(c);
    }
  }

  /** A table of {@code candidates} (in this order) resolved against {@code distances}; O(n). */
  public static CandidateTable of(List<Candidate> candidates, DistanceCalculator distances) {
    return new CandidateTable(candidates, distances);
  }

  public int size() {
    return candidates.length;
  }

  /** The candidate at {@code index} with its current in-flight count and availability. */
  public Candidate candidate(int index) {
    return candidates[index];
  }

  /** Position of the instance with this id, or -1. The id index is built on first use. */
  public int indexOf(String instanceId) {
    if (indexById == null) {
      Map<String, Integer> m = new HashMap<>();
      for (int i = candidates.length - 1; i >= 0; i--) {
        m.put(candidates[i].id(), i);
      }
      indexById = m;
    }
    return indexById.getOrDefault(instanceId, -1);
  }

  /** Records the instance's current number of in-flight hops (from the work tracker). */
  public void setInFlight(int index, int hops) {
    candidates[index] = candidates[index].withInFlight(hops); // validates hops >= 0
    inFlight[index] = hops;
  }

  /** Records whether the instance can be dispatched to (its circuit breakers are closed). */
  public void setAvailable(int index, boolean open) {
    candidates[index] = candidates[index].withAvailable(open);
    limit[index] = limitOf(candidates[index]);
  }

  private static int limitOf(Candidate c) {
    return c.available() ? c.maxLoad() : 0;
  }

  /** The distance snapshot the candidates' zones were resolved against. */
  public DistanceCalculator distances() {
    return distances;
  }
}
