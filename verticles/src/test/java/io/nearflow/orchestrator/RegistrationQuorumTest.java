package io.nearflow.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Workflow registration during a split: at most one side, the one with most of the zones, registers. */
class RegistrationQuorumTest {

  @Test
  void a_zone_cut_off_from_the_two_others_refuses_and_the_two_others_register() {
    RegistrationQuorum edge = new RegistrationQuorum();
    RegistrationQuorum cloud = new RegistrationQuorum();
    Set<String> all = Set.of("edge1", "edge2", "cloud1");
    edge.observe(all);
    cloud.observe(all);
    assertThat(edge.refusal(all)).isEmpty();

    assertThat(edge.refusal(Set.of("edge1"))).get().asString()
        .contains("1 of the 3 zones").contains("cloud1, edge2 unreachable");
    assertThat(cloud.refusal(Set.of("edge2", "cloud1"))).isEmpty();

    assertThat(edge.refusal(all)).as("healed").isEmpty();
  }

  @Test
  void an_even_split_registers_only_on_the_side_with_the_first_zone() {
    RegistrationQuorum a = new RegistrationQuorum();
    RegistrationQuorum b = new RegistrationQuorum();
    a.observe(Set.of("z1", "z2", "z3", "z4"));
    b.observe(Set.of("z1", "z2", "z3", "z4"));
    assertThat(a.refusal(Set.of("z1", "z3"))).isEmpty();
    assertThat(b.refusal(Set.of("z2", "z4"))).isPresent();
  }

  @Test
  void a_cluster_that_only_ever_had_one_zone_registers() {
    RegistrationQuorum q = new RegistrationQuorum();
    assertThat(q.refusal(Set.of("cloud1"))).isEmpty();
    // a second zone with an orchestrator joins and leaves: a tie, won by the first name
    q.observe(Set.of("cloud1", "edge1"));
    assertThat(q.refusal(Set.of("cloud1"))).isEmpty();
    assertThat(q.refusal(Set.of("edge1"))).isPresent();
  }
}
