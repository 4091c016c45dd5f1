package io.nearflow.routing;

/**
 * The article's greedy algorithm: drop instances at their load limit or unavailable; of the
 * rest take the nearest; ties go to the lower load, then to the {@link BestCandidate} spread.
 *
 * <p>It fills the data's own host first, then its zone, then the next-nearest zone: with
 * seven hops on host A of a two-host zone {A, B} and a limit of 3 it gives A,A,A,B,B,B and
 * then the next zone (Figure 5). Stateless and safe to share between threads.
 */
public final class GreedyRouting implements RoutingAlgorithm {

  @Override
  public String name() {
    return RoutingAlgorithms.GREEDY;
  }

  @Override
  public RouteDecision route(RouteRequest request, CandidateTable table) {
    DistancesFrom from = table.distances().from(request.data());
    BestCandidate best = new BestCandidate(request.hopId());
    int[] zones = table.zones;
    int[] loads = table.inFlight;
    int[] limits = table.limit;
    OwnHost ownHostAt = new OwnHost(from, table);
    for (int i = 0, n = table.size(); i < n; i++) {
      int load = loads[i];
      if (load >= limits[i]) {
        continue;
      }
      boolean ownHost = ownHostAt.at(i);
      int distance = ownHost ? 0 : from.otherHostDistance(zones[i]);
      best.offer(i, (long) distance << 32 | load); // nearest first, then least loaded
    }
    int chosen = best.best();
    if (chosen < 0) {
      return RouteDecision.NoCapacity.of(table);
    }
    Candidate target = table.candidate(chosen);
    return new RouteDecision.Routed(target, chosen, from.to(target.locality()));
  }
}
