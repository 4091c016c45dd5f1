package io.nearflow.routing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TopologySpecValidationTest {
  private static final List<String> ZONES = List.of("edge1", "edge2", "cloud1");

  private static TopologySpec spec(int intra, int unknown, Map<String, Map<String, Integer>> distances) {
    return new TopologySpec("t", ZONES, intra, unknown, distances, Map.of(), null);
  }

  @Test
  @DisplayName("the paper topology is valid")
  void paperTopologyIsValid() {
    assertThatCode(Topologies::paper).doesNotThrowAnyException();
  }

  @Test
  @DisplayName("an incomplete matrix names the missing zone pair")
  void incompleteMatrix() {
    assertThatThrownBy(() -> spec(5, 1000, Map.of("edge1", Map.of("edge2", 20, "cloud1", 100))))
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining("missing zone pair")
        .hasMessageContaining("edge2-cloud1");
  }

  @Test
  @DisplayName("a negative distance names the pair and the value")
  void negativeDistance() {
    assertThatThrownBy(() -> spec(5, 1000,
            Map.of("edge1", Map.of("edge2", -20, "cloud1", 100), "edge2", Map.of("cloud1", 30))))
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining("edge1-edge2")
        .hasMessageContaining("negative");
  }

  @Test
  @DisplayName("an inter-zone distance not above the intra-zone distance names the pair")
  void intraNotBelowInter() {
    assertThatThrownBy(() -> spec(20, 1000,
            Map.of("edge1", Map.of("edge2", 20, "cloud1", 100), "edge2", Map.of("cloud1", 30))))
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining("edge1-edge2")
        .hasMessageContaining("intraZoneDistance (20)");
  }

  @Test
  @DisplayName("a pair written both ways with different values is refused as asymmetric")
  void asymmetricMatrix() {
    assertThatThrownBy(() -> spec(5, 1000, Map.of(
            "edge1", Map.of("edge2", 20, "cloud1", 100),
            "edge2", Map.of("edge1", 25, "cloud1", 30))))
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining("edge1->edge2 is 20")
        .hasMessageContaining("edge2->edge1 is 25");
  }

  @Test
  @DisplayName("a matrix entry naming a zone not in the zone list names that zone")
  void unknownZoneInMatrix() {
    assertThatThrownBy(() -> spec(5, 1000, Map.of(
            "edge1", Map.of("edge2", 20, "cloud1", 100, "mars", 7),
            "edge2", Map.of("cloud1", 30))))
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining("edge1->mars")
        .hasMessageContaining("'mars'");
  }

  @Test
  @DisplayName("an unknown distance smaller than the largest known one is refused")
  void unknownBelowMax() {
    assertThatThrownBy(() -> spec(5, 99,
            Map.of("edge1", Map.of("edge2", 20, "cloud1", 100), "edge2", Map.of("cloud1", 30))))
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining("unknownDistance (99)")
        .hasMessageContaining("(100)");
  }

  @Test
  @DisplayName("a zero intra-zone distance is refused: 0 is reserved for the same host")
  void zeroIntra() {
    assertThatThrownBy(() -> spec(0, 1000,
            Map.of("edge1", Map.of("edge2", 20, "cloud1", 100), "edge2", Map.of("cloud1", 30))))
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining("intraZoneDistance");
  }
}
