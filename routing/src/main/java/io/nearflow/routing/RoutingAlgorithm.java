package io.nearflow.routing;

import java.util.List;

/**
 * Chooses the step instance for one hop.
 *
 * <p>Contract for every implementation: never choose a candidate without capacity
 * ({@link Candidate#hasCapacity()}); answer {@link RouteDecision.NoCapacity} exactly when no
 * candidate has capacity; never throw for partial or unknown locality; do not modify the
 * candidates; cost linear in their number, with no allocation per candidate on a kept table. The
 * caller owns the in-flight bookkeeping: a decision does not count itself, the work tracker does.
 */
public interface RoutingAlgorithm {

  /** The name it is selected by in configuration, e.g. {@code "greedy"}. */
  String name();

  /**
   * Routes one hop over a prepared candidate table: the fast path for an orchestrator that keeps
   * a table per step type current (see {@link CandidateTable}).
   *
   * @param request the hop and its data unit's locality and size
   * @param candidates live instances of the next step's type that placement allows
   */
  RouteDecision route(RouteRequest request, CandidateTable candidates);

  /**
   * Routes one hop over a plain list: builds a {@link CandidateTable} for this one decision, so it
   * allocates O(n) and costs several times more per candidate than a kept table (15-25 ns
   * against 1-2 ns, see {@code bench/results/routing/report.md}). Fine for tests and for small or
   * one-off lists; an orchestrator routing many hops should keep a table per step type.
   *
   * @param candidates in a stable order (round-robin rotates over positions; the others use the
   *     position only as the last tie-break)
   * @param distances the current distance snapshot
   */
  default RouteDecision route(RouteRequest request, List<Candidate> candidates, DistanceCalculator distances) {
    return route(request, CandidateTable.of(candidates, distances));
  }
}
