package io.nearflow.routing;

import static io.nearflow.routing.Topologies.INTRA;
import static io.nearflow.routing.Topologies.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DistanceSnapshotTest {
  private final Locality hostOnly = Locality.of("fog-1", "?");
  private final Locality edge1 = Locality.zoneOnly("edge1");

  @Test
  @DisplayName("a host joining yields a new snapshot; readers of the old one see no change")
  void hostJoinIsANewSnapshot() {
    DistanceCalculator before = DistanceCalculator.of(Topologies.paper());
    DistanceCalculator after = before.withHost("fog-1", "edge1");

    assertThat(after.distance(hostOnly, edge1)).isEqualTo(INTRA);
    assertThat(before.distance(hostOnly, edge1)).isEqualTo(UNKNOWN);
    assertThat(after.hostsIn("edge1")).containsExactly("fog-1");
    assertThat(before.hosts()).isEmpty();
  }

  @Test
  @DisplayName("host joins and leaves reuse the precomputed zone tables instead of rebuilding them")
  void hostChangesShareZoneTables() {
    DistanceCalculator base = DistanceCalculator.of(Topologies.paper());
    DistanceCalculator joined = base.withHost("fog-1", "edge1");
    DistanceCalculator left = joined.withoutHost("fog-1");

    assertThat(joined.sharesZoneTablesWith(base)).isTrue();
    assertThat(left.sharesZoneTablesWith(base)).isTrue();
    assertThat(left.distance(hostOnly, edge1)).isEqualTo(UNKNOWN);
    assertThat(base.withoutHost("never-there")).isSameAs(base);
  }

  @Test
  @DisplayName("a host that moves zone is measured from its new zone")
  void hostMovesZone() {
    DistanceCalculator calc = DistanceCalculator.of(Topologies.paper()).withHost("fog-1", "edge1");
    DistanceCalculator moved = calc.withHost("fog-1", "cloud1");

    assertThat(moved.distance(hostOnly, edge1)).isEqualTo(100);
    assertThat(moved.zoneOf("fog-1")).isEqualTo("cloud1");
    assertThat(moved.hostsIn("edge1")).isEmpty();
  }

  @Test
  @DisplayName("a zone joining the topology resolves hosts registered there before it was known")
  void zoneJoins() {
    DistanceCalculator calc = DistanceCalculator.of(Topologies.paper()).withHost("fog-1", "fog");
    assertThat(calc.distance(hostOnly, edge1)).isEqualTo(UNKNOWN);

    TopologySpec withFog = new TopologySpec("paper+fog", List.of("edge1", "edge2", "cloud1", "fog"), INTRA, UNKNOWN,
        Map.of("edge1", Map.of("edge2", 20, "cloud1", 100, "fog", 10),
            "edge2", Map.of("cloud1", 30, "fog", 15), "cloud1", Map.of("fog", 90)),
        Map.of(), null);
    DistanceCalculator grown = calc.withTopology(withFog);

    assertThat(grown.distance(hostOnly, edge1)).isEqualTo(10);
    assertThat(grown.sharesZoneTablesWith(calc)).isFalse();
    assertThat(grown.hosts()).containsEntry("fog-1", "fog");
  }

  @Test
  @DisplayName("a zone leaving the topology turns distances to it into the unknown fallback")
  void zoneLeaves() {
    DistanceCalculator calc = Topologies.paperWithHosts();
    TopologySpec edgesOnly = new TopologySpec("edges", List.of("edge1", "edge2"), INTRA, UNKNOWN,
        Map.of("edge1", Map.of("edge2", 20)), Map.of(), null);
    DistanceCalculator shrunk = calc.withTopology(edgesOnly);

    assertThat(shrunk.distance(edge1, Locality.of("cloud1-a", "cloud1"))).isEqualTo(UNKNOWN);
    assertThat(shrunk.distance(edge1, Locality.of("edge2-a", "edge2"))).isEqualTo(20);
  }

  @Test
  @DisplayName("registering a blank or reserved host id is refused with the id in the message")
  void badHostIdIsRefused() {
    DistanceCalculator calc = DistanceCalculator.of(Topologies.paper());
    assertThatThrownBy(() -> calc.withHost("?", "edge1")).hasMessageContaining("'?'");
    assertThatThrownBy(() -> calc.withHost(" ", "edge1")).isInstanceOf(IllegalArgumentException.class);
  }
}
