package io.nearflow.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CandidateTableTest {
  private final DistanceCalculator calc = Topologies.paperWithHosts();
  private final Locality dataOnEdge1a = Locality.of("edge1-a", "edge1");
  private final RoutingAlgorithm greedy = new GreedyRouting();

  @Test
  @DisplayName("a kept table follows in-flight updates: a full local instance sends the hop to its zone peer")
  void inFlightUpdatesChangeTheDecision() {
    CandidateTable table = CandidateTable.of(Topologies.paperInstances(), calc);
    int local = table.indexOf("edge1-a/step");
    assertThat(greedy.route(RouteRequest.of("h1", dataOnEdge1a), table).target()).map(Candidate::id).contains("edge1-a/step");

    table.setInFlight(local, 3);

    assertThat(greedy.route(RouteRequest.of("h2", dataOnEdge1a), table).target()).map(Candidate::id).contains("edge1-b/step");
    assertThat(table.candidate(local).inFlight()).isEqualTo(3);
  }

  @Test
  @DisplayName("an open breaker takes an instance out of routing until it closes again")
  void availabilityUpdatesChangeTheDecision() {
    CandidateTable table = CandidateTable.of(Topologies.paperInstances(), calc);
    int local = table.indexOf("edge1-a/step");

    table.setAvailable(local, false);
    assertThat(greedy.route(RouteRequest.of("h1", dataOnEdge1a), table).target()).map(Candidate::id).contains("edge1-b/step");
    assertThat(table.candidate(local).available()).isFalse();

    table.setAvailable(local, true);
    assertThat(greedy.route(RouteRequest.of("h2", dataOnEdge1a), table).target()).map(Candidate::id).contains("edge1-a/step");
  }

  @Test
  @DisplayName("a routed decision names the kept candidate and its position")
  void decisionsNameTheKeptCandidate() {
    List<Candidate> instances = Topologies.paperInstances();
    CandidateTable table = CandidateTable.of(instances, calc);

    RouteDecision.Routed routed = (RouteDecision.Routed) greedy.route(RouteRequest.of("h", dataOnEdge1a), table);

    assertThat(routed.candidate()).isSameAs(instances.get(routed.index())).isSameAs(table.candidate(routed.index()));
    assertThat(table.size()).isEqualTo(instances.size());
    assertThat(table.indexOf("no-such-instance")).isEqualTo(-1);
  }

  @Test
  @DisplayName("instance zones are resolved when the table is built, against that snapshot")
  void zonesAreResolvedAtBuild() {
    List<Candidate> hostOnly = List.of(Candidate.of("fog", Locality.of("fog-1", "?"), 0));
    CandidateTable before = CandidateTable.of(hostOnly, DistanceCalculator.of(Topologies.paper()));
    CandidateTable after = CandidateTable.of(hostOnly, DistanceCalculator.of(Topologies.paper()).withHost("fog-1", "edge1"));

    assertThat(((RouteDecision.Routed) greedy.route(RouteRequest.of("h", dataOnEdge1a), before)).distance())
        .isEqualTo(Topologies.UNKNOWN);
    assertThat(((RouteDecision.Routed) greedy.route(RouteRequest.of("h", dataOnEdge1a), after)).distance())
        .isEqualTo(Topologies.INTRA);
  }

  @Test
  @DisplayName("a negative in-flight count is refused")
  void negativeInFlightIsRefused() {
    CandidateTable table = CandidateTable.of(Topologies.paperInstances(), calc);
    assertThatThrownBy(() -> table.setInFlight(0, -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("inFlight");
  }
}
