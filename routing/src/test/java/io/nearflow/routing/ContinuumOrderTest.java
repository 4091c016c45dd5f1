package io.nearflow.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * On the paper topology (edge1-edge2 20, edge2-cloud1 30, edge1-cloud1 100) both locality-aware
 * algorithms use the continuum in order: the data's host, its zone, the nearest other zone,
 * the farthest zone; the order comes from the matrix, not from the candidate list.
 */
class ContinuumOrderTest {
  private final DistanceCalculator calc = Topologies.paperWithHosts();
  private final List<Candidate> instances = Topologies.paperInstances();

  private static List<String> zones(List<String> hosts) {
    return hosts.stream().map(h -> h.substring(0, h.indexOf('-'))).toList();
  }

  @Test
  @DisplayName("greedy from edge1: data host, same-zone host, edge2, then cloud1, then no capacity")
  void greedyFromEdge1() {
    List<String> hosts = Simulation.hostsChosen(new GreedyRouting(), calc, Locality.of("edge1-a", "edge1"), instances, 30);

    assertThat(hosts).hasSize(18);
    assertThat(hosts.subList(0, 6)).containsExactly("edge1-a", "edge1-a", "edge1-a", "edge1-b", "edge1-b", "edge1-b");
    assertThat(zones(hosts.subList(6, 12))).containsOnly("edge2");
    assertThat(zones(hosts.subList(12, 18))).containsOnly("cloud1");
  }

  @Test
  @DisplayName("load-spreading from edge1: the whole of edge1, then edge2, then cloud1")
  void loadSpreadingFromEdge1() {
    List<String> hosts = Simulation.hostsChosen(new LoadSpreadingRouting(), calc, Locality.of("edge1-a", "edge1"), instances, 30);

    assertThat(hosts).hasSize(18);
    assertThat(zones(hosts.subList(0, 6))).containsOnly("edge1");
    assertThat(zones(hosts.subList(6, 12))).containsOnly("edge2");
    assertThat(zones(hosts.subList(12, 18))).containsOnly("cloud1");
    // Within edge2 load alternates too: neither host is two hops ahead of the other.
    assertThat(hosts.subList(6, 8)).containsExactlyInAnyOrder("edge2-a", "edge2-b");
  }

  @Test
  @DisplayName("from cloud1 the nearest other zone is edge2 (30), not edge1 (100)")
  void fromCloud1NearestIsEdge2() {
    for (RoutingAlgorithm algorithm : List.of(new GreedyRouting(), new LoadSpreadingRouting())) {
      List<String> hosts = Simulation.hostsChosen(algorithm, calc, Locality.of("cloud1-b", "cloud1"), instances, 18);
      assertThat(zones(hosts)).as(algorithm.name())
          .containsExactly("cloud1", "cloud1", "cloud1", "cloud1", "cloud1", "cloud1",
              "edge2", "edge2", "edge2", "edge2", "edge2", "edge2",
              "edge1", "edge1", "edge1", "edge1", "edge1", "edge1");
    }
  }

  @Test
  @DisplayName("a zone-only data unit fills its own zone first")
  void zoneOnlyDataFillsItsZoneFirst() {
    List<String> hosts = Simulation.hostsChosen(new GreedyRouting(), calc, Locality.zoneOnly("edge2"), instances, 12);

    assertThat(zones(hosts.subList(0, 6))).containsOnly("edge2");
    assertThat(zones(hosts.subList(6, 12))).containsOnly("edge1");
  }
}
