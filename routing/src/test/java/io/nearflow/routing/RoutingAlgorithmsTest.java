package io.nearflow.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RoutingAlgorithmsTest {

  @Test
  @DisplayName("each documented name selects the algorithm of that name")
  void namesSelectAlgorithms() {
    assertThat(RoutingAlgorithms.names()).containsExactly("greedy", "load-spreading", "round-robin");
    assertThat(RoutingAlgorithms.byName("greedy")).isInstanceOf(GreedyRouting.class);
    assertThat(RoutingAlgorithms.byName("load-spreading")).isInstanceOf(LoadSpreadingRouting.class);
    assertThat(RoutingAlgorithms.byName("round-robin")).isInstanceOf(RoundRobinRouting.class);
    for (String name : RoutingAlgorithms.names()) {
      assertThat(RoutingAlgorithms.byName(name).name()).isEqualTo(name);
    }
  }

  @Test
  @DisplayName("names are trimmed and case-insensitive, as hand-written config files need")
  void namesAreForgiving() {
    assertThat(RoutingAlgorithms.byName(" Load-Spreading ")).isInstanceOf(LoadSpreadingRouting.class);
  }

  @Test
  @DisplayName("an unknown name is refused with a message listing the valid names")
  void unknownNameListsValidNames() {
    assertThatThrownBy(() -> RoutingAlgorithms.byName("least-connections"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'least-connections'")
        .hasMessageContaining("greedy, load-spreading, round-robin");
    assertThatThrownBy(() -> RoutingAlgorithms.byName(null)).hasMessageContaining("valid names");
  }

  @Test
  @DisplayName("each round-robin instance keeps its own rotation")
  void roundRobinInstancesAreIndependent() {
    DistanceCalculator calc = Topologies.paperWithHosts();
    List<Candidate> candidates = Topologies.paperInstances();
    RouteRequest hop = RouteRequest.of("h", Locality.unknown());
    RoutingAlgorithm first = RoutingAlgorithms.byName("round-robin");
    first.route(hop, candidates, calc);

    RoutingAlgorithm second = RoutingAlgorithms.byName("round-robin");

    assertThat(second.route(hop, candidates, calc).target()).contains(candidates.get(0));
    assertThat(first.route(hop, candidates, calc).target()).contains(candidates.get(1));
  }
}
