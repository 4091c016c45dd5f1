package io.nearflow.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Behaviour every algorithm shares, run against each of them by name. */
class RoutingEdgeCasesTest {
  private final DistanceCalculator calc = Topologies.paperWithHosts();
  private final Locality dataOnEdge1a = Locality.of("edge1-a", "edge1");

  private static RouteRequest hop(String id, Locality data) {
    return RouteRequest.of(id, data, 1_048_576);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"greedy", "load-spreading", "round-robin"})
  @DisplayName("a single co-located candidate under its limit is chosen")
  void singleCoLocatedCandidateIsChosen(String name) {
    Candidate local = new Candidate("edge1-a/step", dataOnEdge1a, 2, 3, true);

    RouteDecision decision = RoutingAlgorithms.byName(name).route(hop("h1", dataOnEdge1a), List.of(local), calc);

    assertThat(decision).isEqualTo(new RouteDecision.Routed(local, 0, 0));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"greedy", "load-spreading", "round-robin"})
  @DisplayName("no candidates is an explicit no-capacity answer with a reason, not an exception")
  void noCandidatesIsNoCapacity(String name) {
    RouteDecision decision = RoutingAlgorithms.byName(name).route(hop("h1", dataOnEdge1a), List.of(), calc);

    assertThat(decision.isRouted()).isFalse();
    assertThat(decision.target()).isEmpty();
    assertThat(((RouteDecision.NoCapacity) decision).reason()).contains("no step instance");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"greedy", "load-spreading", "round-robin"})
  @DisplayName("full and unavailable instances are never chosen, and the answer says why")
  void fullAndUnavailableAreRefused(String name) {
    List<Candidate> busy = List.of(
        new Candidate("full", dataOnEdge1a, 3, 3, true),
        new Candidate("over", dataOnEdge1a, 5, 3, true),
        new Candidate("breaker-open", dataOnEdge1a, 0, 3, false));

    RouteDecision decision = RoutingAlgorithms.byName(name).route(hop("h1", dataOnEdge1a), busy, calc);

    assertThat(decision).isEqualTo(new RouteDecision.NoCapacity(3, 2, 1));
    assertThat(((RouteDecision.NoCapacity) decision).reason())
        .contains("2 at their load limit").contains("1 unavailable");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"greedy", "load-spreading", "round-robin"})
  @DisplayName("unknown data locality still routes somewhere")
  void unknownDataLocalityRoutes(String name) {
    RouteDecision decision = RoutingAlgorithms.byName(name)
        .route(hop("h1", Locality.unknown()), Topologies.paperInstances(), calc);

    assertThat(decision.isRouted()).isTrue();
    assertThat(((RouteDecision.Routed) decision).distance()).isEqualTo(Topologies.UNKNOWN);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"greedy", "load-spreading"})
  @DisplayName("an unavailable co-located instance is skipped for the nearest available one")
  void unavailableLocalIsSkipped(String name) {
    List<Candidate> candidates = List.of(
        Candidate.of("edge1-a/step", dataOnEdge1a, 0).withAvailable(false),
        Candidate.of("edge2-a/step", Locality.of("edge2-a", "edge2"), 0),
        Candidate.of("edge1-b/step", Locality.of("edge1-b", "edge1"), 2));

    RouteDecision decision = RoutingAlgorithms.byName(name).route(hop("h1", dataOnEdge1a), candidates, calc);

    assertThat(decision.target()).map(Candidate::id).contains("edge1-b/step");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"greedy", "load-spreading"})
  @DisplayName("an instance of unknown locality is used only once known ones are full")
  void unknownInstanceIsTheLastResort(String name) {
    List<Candidate> candidates = List.of(
        Candidate.of("nowhere", Locality.unknown(), 0),
        Candidate.of("cloud1-a/step", Locality.of("cloud1-a", "cloud1"), 2));

    List<String> hosts = Simulation.hostsChosen(RoutingAlgorithms.byName(name), calc, dataOnEdge1a, candidates, 4);

    assertThat(hosts).containsExactly("cloud1-a", "?", "?", "?");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"greedy", "load-spreading"})
  @DisplayName("equal candidates share work across hops, and the same hop always gets the same answer")
  void equalCandidatesShareWork(String name) {
    RoutingAlgorithm algorithm = RoutingAlgorithms.byName(name);
    List<Candidate> tied = List.of(
        Candidate.of("w1", Locality.of("cloud1-a", "cloud1"), 1), Candidate.of("w2", Locality.of("cloud1-b", "cloud1"), 1),
        Candidate.of("w3", Locality.of("cloud1-a", "cloud1"), 1), Candidate.of("w4", Locality.of("cloud1-b", "cloud1"), 1));
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 4_000; i++) {
      RouteDecision d = algorithm.route(hop("hop-" + i, dataOnEdge1a), tied, calc);
      counts.merge(d.target().orElseThrow().id(), 1, Integer::sum);
      assertThat(RoutingAlgorithms.byName(name).route(hop("hop-" + i, dataOnEdge1a), tied, calc)).isEqualTo(d);
    }

    assertThat(counts).hasSize(4);
    assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(850, 1150));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"greedy", "load-spreading"})
  @DisplayName("among equally near instances the less loaded one wins")
  void lowerLoadWinsAtEqualDistance(String name) {
    List<Candidate> candidates = List.of(
        Candidate.of("busy", Locality.of("edge2-a", "edge2"), 2),
        Candidate.of("idle", Locality.of("edge2-b", "edge2"), 0));

    RouteDecision decision = RoutingAlgorithms.byName(name).route(hop("h1", dataOnEdge1a), candidates, calc);

    assertThat(decision.target()).map(Candidate::id).contains("idle");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"greedy", "load-spreading"})
  @DisplayName("a host whose name merely shares the data host's hash is not taken for the data's host")
  void hashCollisionIsNotTheOwnHost(String name) {
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    Locality dataOnAa = Locality.of("Aa", "edge1");
    List<Candidate> candidates = List.of(
        Candidate.of("impostor", Locality.of("BB", "edge2"), 0),
        Candidate.of("zone-peer", Locality.of("edge1-b", "edge1"), 1));

    RouteDecision decision = RoutingAlgorithms.byName(name).route(hop("h1", dataOnAa), candidates, calc);
    assertThat(decision).isEqualTo(new RouteDecision.Routed(candidates.get(1), 1, Topologies.INTRA));

    List<Candidate> withOwnHost = List.of(candidates.get(0), candidates.get(1), Candidate.of("own", dataOnAa, 1));
    RouteDecision own = RoutingAlgorithms.byName(name).route(hop("h2", dataOnAa), withOwnHost, calc);
    assertThat(own).isEqualTo(new RouteDecision.Routed(withOwnHost.get(2), 2, 0));
  }
}
