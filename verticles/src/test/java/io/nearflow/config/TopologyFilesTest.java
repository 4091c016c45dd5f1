package io.nearflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nearflow.routing.TopologySpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TopologyFilesTest {

  private static TopologySpec parse(String yaml) {
    return TopologyFiles.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "t.yaml");
  }

  @Test
  void the_shipped_paper_topology_has_the_articles_distances_and_links() {
    TopologySpec paper = TopologyFiles.load("paper");
    assertThat(paper.zones()).containsExactly("edge1", "edge2", "cloud1");
    assertThat(paper.intraZoneDistance()).isEqualTo(5);
    assertThat(paper.zoneDistance("edge1", "edge2")).isEqualTo(20);
    assertThat(paper.zoneDistance("cloud1", "edge2")).isEqualTo(30);
    assertThat(paper.zoneDistance("edge1", "cloud1")).isEqualTo(100);
    assertThat(paper.link("edge1", "edge2").rttMs()).isEqualTo(20);
    assertThat(paper.link("cloud1", "edge1").bandwidthMbitPerSec()).isEqualTo(50);
    assertThat(paper.link("edge1", "edge1").bandwidthMbitPerSec()).isEqualTo(1000);
  }

  @Test
  void the_shipped_single_topology_has_one_zone() {
    assertThat(TopologyFiles.load("single").zones()).containsExactly("local");
  }

  @Test
  void an_unknown_topology_name_is_refused() {
    assertThatThrownBy(() -> TopologyFiles.load("moon")).hasMessageContaining("'moon' is not a shipped topology");
  }

  @Test
  void a_matrix_missing_a_pair_names_the_pair_and_the_file() {
    assertThatThrownBy(() -> parse("""
        intraZoneDistance: 5
        unknownDistance: 1000
        zones: [a, b, c]
        distances: {a: {b: 10, c: 20}}
        """)).isInstanceOf(ConfigException.class).hasMessage("topology t.yaml: distances: missing zone pair(s) b-c");
  }

  @Test
  void an_inter_zone_distance_not_above_the_intra_zone_distance_is_refused() {
    assertThatThrownBy(() -> parse("""
        intraZoneDistance: 5
        unknownDistance: 1000
        zones: [a, b]
        distances: {a: {b: 5}}
        """)).hasMessageContaining("a-b is 5, but every inter-zone distance must be greater than intraZoneDistance (5)");
  }

  @Test
  void a_negative_distance_is_refused() {
    assertThatThrownBy(() -> parse("""
        intraZoneDistance: 5
        unknownDistance: 1000
        zones: [a, b]
        distances: {b: {a: -3}}
        """)).hasMessageContaining("a-b is negative (-3)");
  }

  @Test
  void a_distance_to_a_zone_not_listed_is_refused() {
    assertThatThrownBy(() -> parse("""
        intraZoneDistance: 5
        unknownDistance: 1000
        zones: [a, b]
        distances: {a: {b: 10, x: 3}}
        """)).hasMessageContaining("unknown zone 'x'");
  }

  @Test
  void a_text_where_a_number_belongs_names_the_entry() {
    assertThatThrownBy(() -> parse("""
        intraZoneDistance: five
        unknownDistance: 1000
        zones: [a]
        """)).hasMessage("topology t.yaml: intraZoneDistance: expected a whole number");
  }

  @Test
  void an_unknown_distance_smaller_than_a_known_one_is_refused() {
    assertThatThrownBy(() -> parse("""
        intraZoneDistance: 5
        unknownDistance: 50
        zones: [a, b]
        distances: {a: {b: 100}}
        """)).hasMessageContaining("unknownDistance (50) must not be smaller than the largest known distance (100)");
  }
}
