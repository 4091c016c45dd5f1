package io.nearflow.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The article's Figure 5: seven hops for one data unit on host A, in a zone of two hosts (A, B),
 * with a next zone that has capacity; limit 3; each routed hop adds one to its instance's load.
 */
class FigureFiveTest {
  private final TopologySpec topology = new TopologySpec("figure5", List.of("near", "next"), 5, 100,
      Map.of("near", Map.of("next", 20)), Map.of(), null);
  private final DistanceCalculator calc =
      DistanceCalculator.of(topology).withHost("A", "near").withHost("B", "near").withHost("C", "next");
  private final Locality dataOnA = Locality.of("A", "near");

  // B is listed first and C has two slots free more than needed: list order must not matter.
  private final List<Candidate> instances = List.of(
      Candidate.of("next-C", Locality.of("C", "next"), 0),
      Candidate.of("near-B", Locality.of("B", "near"), 0),
      Candidate.of("near-A", Locality.of("A", "near"), 0));

  @Test
  @DisplayName("greedy fills the data's host, then its zone peer, then the next zone: A,A,A,B,B,B,next")
  void greedyFillsHostThenPeerThenNextZone() {
    assertThat(Simulation.hostsChosen(new GreedyRouting(), calc, dataOnA, instances, 7))
        .containsExactly("A", "A", "A", "B", "B", "B", "C");
  }

  @Test
  @DisplayName("load spreading alternates hosts within a zone before spilling to the next zone")
  void loadSpreadingAlternatesHostsWithinAZoneBeforeSpilling() {
    assertThat(Simulation.hostsChosen(new LoadSpreadingRouting(), calc, dataOnA, instances, 7))
        .containsExactly("A", "B", "A", "B", "A", "B", "C");
  }

  @Test
  @DisplayName("round-robin ignores locality and rotates through every instance")
  void roundRobinIgnoresLocality() {
    assertThat(Simulation.hostsChosen(new RoundRobinRouting(), calc, dataOnA, instances, 7))
        .containsExactly("C", "B", "A", "C", "B", "A", "C");
  }

  @Test
  @DisplayName("Figure 5 holds on the paper topology with two instances per zone")
  void figureFiveOnThePaperTopology() {
    DistanceCalculator paper = Topologies.paperWithHosts();
    Locality data = Locality.of("edge1-a", "edge1");
    List<Candidate> all = Topologies.paperInstances();

    assertThat(Simulation.hostsChosen(new GreedyRouting(), paper, data, all, 7))
        .startsWith("edge1-a", "edge1-a", "edge1-a", "edge1-b", "edge1-b", "edge1-b")
        .last().asString().startsWith("edge2-");
    assertThat(Simulation.hostsChosen(new LoadSpreadingRouting(), paper, data, all, 7))
        .startsWith("edge1-a", "edge1-b", "edge1-a", "edge1-b", "edge1-a", "edge1-b")
        .last().asString().startsWith("edge2-");
  }
}
