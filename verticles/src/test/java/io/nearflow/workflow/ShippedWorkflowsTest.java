package io.nearflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The example workflows shipped in the jar (nearflow/workflows/) parse and mean what they say. */
class ShippedWorkflowsTest {
  private static final Set<String> ZONES = Set.of("edge1", "edge2", "cloud1");

  private static String resource(String path) throws IOException {
    try (InputStream in = ShippedWorkflowsTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static WorkflowDefinition shipped(String file) throws IOException {
    return WorkflowParser.parse(resource("nearflow/workflows/" + file), file, Set.of("local-fs"));
  }

  @Test
  void shuffle4_is_the_articles_chain_with_the_last_step_in_the_cloud() throws IOException {
    WorkflowDefinition w = shipped("shuffle4.yaml");
    assertThat(w.name()).isEqualTo("shuffle4");
    assertThat(w.steps()).extracting(StepDefinition::name).containsExactly("shuffle1", "shuffle2", "shuffle3", "shuffle4");
    assertThat(w.steps()).extracting(StepDefinition::type).containsOnly("shuffle");
    assertThat(w.entrySteps()).extracting(StepDefinition::name).containsExactly("shuffle1");
    assertThat(w.next("shuffle3")).extracting(StepDefinition::name).containsExactly("shuffle4");
    assertThat(w.isFinal("shuffle4")).isTrue();
    assertThat(w.step("shuffle1").placement().isAnywhere()).isTrue();
    assertThat(w.step("shuffle4").placement().zones()).containsExactly("cloud1");
    assertThat(w.validateZones(ZONES)).isEmpty();
  }

  @Test
  void fanout_splits_into_two_branches_that_meet_again() throws IOException {
    WorkflowDefinition w = shipped("fanout.yaml");
    assertThat(w.entrySteps()).extracting(StepDefinition::name).containsExactly("split");
    assertThat(w.next("split")).extracting(StepDefinition::name).containsExactly("shuffle-a", "echo-b");
    assertThat(w.step("collect").follows()).containsExactly("shuffle-a", "echo-b");
    assertThat(w.isFinal("collect")).isTrue();
    assertThat(w.validateZones(ZONES)).isEmpty();
  }

  @Test
  void the_test_copies_match_the_shipped_files() throws IOException {
    for (String file : List.of("shuffle4.yaml", "fanout.yaml")) {
      assertThat(resource("io/nearflow/workflow/" + file)).as(file).isEqualTo(resource("nearflow/workflows/" + file));
    }
  }
}
