package io.nearflow.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * Routes hops one after another the way the orchestrator would: over a kept
 * {@link CandidateTable}, each routed hop adding one to the chosen instance's in-flight count,
 * nothing completing meanwhile.
 */
final class Simulation {
  private Simulation() {}

  /** The host of each routed hop, in order, until {@code hops} are routed or capacity ends. */
  static List<String> hostsChosen(
      RoutingAlgorithm algorithm, DistanceCalculator calc, Locality data, List<Candidate> start, int hops) {
    CandidateTable table = CandidateTable.of(start, calc);
    List<String> hosts = new ArrayList<>();
    for (int hop = 0; hop < hops; hop++) {
      RouteDecision decision = algorithm.route(RouteRequest.of("hop-" + hop, data), table);
      if (!(decision instanceof RouteDecision.Routed routed)) {
        break;
      }
      table.setInFlight(routed.index(), routed.candidate().inFlight() + 1);
      hosts.add(routed.candidate().locality().host());
    }
    return hosts;
  }

  /** How many hops get routed before the first {@link RouteDecision.NoCapacity}. */
  static int routedUntilFull(
      RoutingAlgorithm algorithm, DistanceCalculator calc, Locality data, List<Candidate> start) {
    return hostsChosen(algorithm, calc, data, start, 10_000).size();
  }
}
