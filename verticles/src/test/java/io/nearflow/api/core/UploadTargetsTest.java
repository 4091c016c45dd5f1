package io.nearflow.api.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nearflow.cluster.ClusterSnapshot;
import io.nearflow.cluster.NodeDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UploadTargetsTest {
  private static NodeDescriptor node(String zone, String host, String roles, boolean listening) {
    return new NodeDescriptor(host + "-n", zone, host, List.of(roles.split(",")), "m-" + host, "127.0.0.1:1",
        listening ? Map.of("http", "http://127.0.0.1:80" + host.length()) : Map.of());
  }

  private static final ClusterSnapshot VIEW = new ClusterSnapshot(List.of("edge1", "edge2", "cloud1"), List.of(
      node("edge1", "bus-1", "agent,adapter", true),
      node("edge1", "bus-2", "agent,adapter", true),
      node("edge1", "bus-3", "agent,adapter", false),
      node("edge1", "box-9", "orchestrator", true),
      node("cloud1", "vm-1", "agent,adapter", true)));

  private final UploadTargets targets = new UploadTargets();

  private String pick(String zone, String host) {
    return targets.pick(VIEW, Optional.ofNullable(zone), Optional.ofNullable(host)).host();
  }

  @Test
  void uploads_to_a_zone_go_to_its_adapter_host_used_longest_ago() {
    List<String> picked = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      picked.add(pick("edge1", null));
    }
    assertThat(picked).containsExactly("bus-1", "bus-2", "bus-1", "bus-2");
    pick(null, "bus-1");
    assertThat(pick("edge1", null)).isEqualTo("bus-2");
  }

  @Test
  void a_named_host_must_be_an_adapter_host_of_the_named_zone() {
    assertThat(pick("cloud1", "vm-1")).isEqualTo("vm-1");
    assertThat(targets.pick(VIEW, Optional.empty(), Optional.of("vm-1")).http().toString()).isEqualTo("http://127.0.0.1:804");
    assertThatThrownBy(() -> pick("edge1", "vm-1")).isInstanceOf(ApiFailure.class)
        .hasMessageStartingWith("'vm-1' is not a host with the adapter role in zone edge1. zones: edge1, edge2, cloud1; "
            + "adapter hosts: edge1: bus-1, bus-2; edge2: (none up); cloud1: vm-1");
    assertThatThrownBy(() -> pick(null, "box-9")).hasMessageContaining("'box-9' is not a host with the adapter role");
  }

  @Test
  void no_place_or_an_unknown_zone_is_a_bad_request_and_an_empty_zone_is_unavailable() {
    assertThatThrownBy(() -> pick(null, null)).isInstanceOf(ApiFailure.class)
        .satisfies(e -> assertThat(((ApiFailure) e).status()).isEqualTo(400))
        .hasMessageContaining("give a zone and/or a host");
    assertThatThrownBy(() -> pick("mars", null)).hasMessageStartingWith("unknown zone 'mars'");
    assertThatThrownBy(() -> pick("edge2", null))
        .satisfies(e -> assertThat(((ApiFailure) e).status()).isEqualTo(503))
        .hasMessageStartingWith("no host with the adapter role is up in zone edge2");
  }
}
