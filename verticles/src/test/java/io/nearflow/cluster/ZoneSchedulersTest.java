package io.nearflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.config.TopologyFiles;
import io.nearflow.protocol.Addresses;
import io.nearflow.routing.TopologySpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZoneSchedulersTest {
  private static final TopologySpec PAPER = TopologyFiles.load("paper");

  private static NodeDescriptor node(String id, String zone, String... roles) {
    return new NodeDescriptor(id, zone, id, List.of(roles), "uuid-" + id, "127.0.0.1:1", Map.of());
  }

  private static ClusterSnapshot view(NodeDescriptor... nodes) {
    return new ClusterSnapshot(PAPER.zones(), List.of(nodes));
  }

  @Test
  void a_zone_is_scheduled_by_its_own_orchestrator_with_the_smallest_node_id_and_the_others_stand_by() {
    ZoneSchedulers s = ZoneSchedulers.of(view(node("edge1-b", "edge1", "orchestrator", "agent"),
        node("edge1-a", "edge1", "orchestrator"), node("cloud1-a", "cloud1", "orchestrator")), PAPER);
    assertThat(s.schedulerOf("edge1")).contains("edge1-a");
    assertThat(s.zonesOf("edge1-b")).isEmpty();
    assertThat(s.schedules("edge1-a", "edge1")).isTrue();
    assertThat(s.schedulerOf("cloud1")).contains("cloud1-a");
  }

  @Test
  void a_zone_without_an_orchestrator_is_scheduled_by_the_nearest_zone_that_has_one() {
    // paper distances: edge1-edge2 20, edge2-cloud1 30, edge1-cloud1 100
    ZoneSchedulers s = ZoneSchedulers.of(view(node("bus-1", "edge1", "agent", "adapter"),
        node("fog-1", "edge2", "orchestrator"), node("cloud-1", "cloud1", "orchestrator")), PAPER);
    assertThat(s.schedulerOf("edge1")).contains("fog-1");
    assertThat(s.zonesOf("fog-1")).containsExactly("edge1", "edge2");

    ZoneSchedulers cloudOnly = ZoneSchedulers.of(view(node("bus-1", "edge1", "agent"),
        node("cloud-1", "cloud1", "orchestrator")), PAPER);
    assertThat(cloudOnly.zonesOf("cloud-1")).containsExactly("cloud1", "edge1", "edge2");
  }

  @Test
  void with_no_orchestrator_alive_no_zone_has_a_scheduler_and_runs_start_at_any_orchestrator() {
    ClusterSnapshot agentsOnly = view(node("bus-1", "edge1", "agent"));
    assertThat(ZoneSchedulers.of(agentsOnly, PAPER).schedulerOf("edge1")).isEmpty();
    assertThat(ZoneSchedulers.startRunAddress(agentsOnly, PAPER, "edge1")).isEqualTo(Addresses.START_RUN);
  }

  @Test
  void a_run_starts_at_the_scheduler_of_its_inputs_zone() {
    ClusterSnapshot v = view(node("edge1-a", "edge1", "orchestrator"), node("cloud1-a", "cloud1", "orchestrator"));
    assertThat(ZoneSchedulers.startRunAddress(v, PAPER, "edge1")).isEqualTo(Addresses.schedulerStartRun("edge1-a"));
    assertThat(ZoneSchedulers.startRunAddress(v, PAPER, "")).isEqualTo(Addresses.START_RUN);
  }
}
