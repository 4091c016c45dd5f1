package io.nearflow.routing;

/**
 * The article's load-spreading algorithm: take the nearest zone that still has an instance
 * under its limit; inside it take the least-loaded instance, the data's own host winning ties,
 * then the {@link BestCandidate} spread.
 *
 * <p>Load is spread evenly across a zone before spilling to the next: with seven hops on host A
 * of a two-host zone {A, B} and a limit of 3 it gives A,B,A,B,A,B and then the next zone
 * (Figure 5). "Nearest zone" is the zone-level distance ({@link DistancesFrom#zoneDistance}),
 * so two zones at exactly the same distance form one level and share load; with unknown data
 * locality every zone is one level and the choice is purely by load. Stateless and safe to
 * share between threads.
 */
public final class LoadSpreadingRouting implements RoutingAlgorithm {

  @Override
  public String name() {
    return RoutingAlgorithms.LOAD_SPREADING;
  }

  @Override
  public RouteDecision route(RouteRequest request, CandidateTable table) {
    DistancesFrom from = table.distances().from(request.data());
    BestCandidate best = new BestCandidate(request.hopId());
    int ownZone = from.ownZoneDistance();
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
      int zone = ownHost ? ownZone : from.otherHostDistance(zones[i]);
      // Nearest zone first, then least loaded, then the data's own host (0) before others (1).
      // load < 2^31, so load << 1 | bit still fits the low 32 bits.
      best.offer(i, (long) zone << 32 | (long) load << 1 | (ownHost ? 0 : 1));
    }
    int chosen = best.best();
    if (chosen < 0) {
      return RouteDecision.NoCapacity.of(table);
    }
    Candidate target = table.candidate(chosen);
    return new RouteDecision.Routed(target, chosen, from.to(target.locality()));
  }
}
