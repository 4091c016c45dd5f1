package io.nearflow.routing;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Round-robin with locality off: the baseline the article compares against. Starting after the
 * position chosen last time, it takes the next candidate with capacity, skipping instances at
 * their limit or unavailable. Over a stable candidate list, every instance with capacity gets
 * its turn once per cycle, so load spreads evenly whatever the data's locality.
 *
 * <p>The rotation is the only state, kept per instance of this class: keep one instance per
 * orchestrator for as long as it routes. It is safe to share between threads, but exact
 * evenness holds only when decisions are serialised (concurrent callers may share a turn).
 */
public final class RoundRobinRouting implements RoutingAlgorithm {
  private final AtomicInteger next = new AtomicInteger();

  @Override
  public String name() {
    return RoutingAlgorithms.ROUND_ROBIN;
  }

  @Override
  public RouteDecision route(RouteRequest request, CandidateTable table) {
    int n = table.size();
    if (n == 0) {
      return RouteDecision.NoCapacity.of(table);
    }
    int[] loads = table.inFlight;
    int[] limits = table.limit;
    int start = Math.floorMod(next.get(), n); // floorMod: the list may have shrunk since last time
    for (int k = 0; k < n; k++) {
      int i = start + k < n ? start + k : start + k - n;
      if (loads[i] < limits[i]) {
        next.set(i + 1);
        Candidate chosen = table.candidate(i);
        return new RouteDecision.Routed(chosen, i, table.distances().distance(request.data(), chosen.locality()));
      }
    }
    return RouteDecision.NoCapacity.of(table);
  }
}
