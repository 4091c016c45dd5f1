package io.nearflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkflowGraphTest {

  private static WorkflowDefinition parse(String yaml) {
    return WorkflowParser.parse(yaml, "w.yaml", Set.of("local-fs"));
  }

  private static List<String> names(List<StepDefinition> steps) {
    return steps.stream().map(StepDefinition::name).toList();
  }

  @Test
  void steps_without_follows_form_a_chain_in_file_order() {
    WorkflowDefinition w = parse("""
        name: chain
        steps:
          - {name: ingest, type: echo}
          - {name: blur, type: blur}
          - {name: upload, type: echo}
        """);
    assertThat(names(w.entrySteps())).containsExactly("ingest");
    assertThat(names(w.next("ingest"))).containsExactly("blur");
    assertThat(names(w.next("blur"))).containsExactly("upload");
    assertThat(w.next("upload")).isEmpty();
    assertThat(w.isFinal("upload")).isTrue();
    assertThat(w.isFinal("blur")).isFalse();
    assertThat(w.step("blur").follows()).containsExactly("ingest");
  }

  @Test
  void a_single_step_is_both_the_entry_and_the_final_step() {
    WorkflowDefinition w = parse("name: one\nsteps: [{name: only, type: echo}]\n");
    assertThat(names(w.entrySteps())).containsExactly("only");
    assertThat(w.isFinal("only")).isTrue();
  }

  @Test
  void once_a_step_names_follows_steps_without_it_are_entry_steps() {
    WorkflowDefinition w = parse("""
        name: dag
        steps:
          - {name: camera, type: echo}
          - {name: radar, type: echo}
          - {name: fuse, type: echo, follows: [camera, radar]}
        """);
    assertThat(names(w.entrySteps())).containsExactly("camera", "radar");
    assertThat(names(w.next("camera"))).containsExactly("fuse");
    assertThat(names(w.next("radar"))).containsExactly("fuse");
    assertThat(w.isFinal("fuse")).isTrue();
  }

  @Test
  void a_step_followed_by_several_fans_out_and_a_step_following_several_fans_in() {
    WorkflowDefinition w = parse("""
        name: diamond
        steps:
          - {name: split, type: echo}
          - {name: left, type: shuffle, follows: split}
          - {name: right, type: echo, follows: [split]}
          - {name: join, type: echo, follows: [left, right]}
        """);
    assertThat(names(w.next("split"))).containsExactly("left", "right");
    assertThat(names(w.next("left"))).containsExactly("join");
    assertThat(names(w.next("right"))).containsExactly("join");
    assertThat(w.step("join").follows()).containsExactly("left", "right");
    assertThat(w.isFinal("join")).isTrue();
  }

  @Test
  void steps_may_be_listed_before_the_steps_they_follow() {
    WorkflowDefinition w = parse("""
        name: unordered
        steps:
          - {name: last, type: echo, follows: first}
          - {name: first, type: echo}
        """);
    assertThat(names(w.entrySteps())).containsExactly("first");
    assertThat(names(w.next("first"))).containsExactly("last");
  }

  @Test
  void asking_about_an_unknown_step_names_the_workflow_and_its_steps() {
    WorkflowDefinition w = parse("name: chain\nsteps: [{name: a, type: echo}, {name: b, type: echo}]\n");
    assertThat(w.hasStep("a")).isTrue();
    assertThat(w.hasStep("zz")).isFalse();
    assertThatThrownBy(() -> w.next("zz")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("workflow 'chain' v0 has no step 'zz' (steps are: a, b)");
    assertThatThrownBy(() -> w.step("zz")).hasMessageContaining("no step 'zz'");
  }

  @Test
  void a_definition_built_in_code_is_refused_when_its_steps_loop() {
    assertThatThrownBy(() -> new WorkflowDefinition("loop", 0, "",
        List.of(StepDefinition.of("a", "echo", "b"), StepDefinition.of("b", "echo", "a")), null))
        .isInstanceOf(WorkflowValidationException.class)
        .hasMessage("workflow 'loop': steps[0].follows: cycle a -> b -> a");
  }

  @Test
  void a_definition_built_in_code_is_refused_when_its_name_could_escape_the_store_directory() {
    assertThatThrownBy(() -> new WorkflowDefinition("../etc", 0, "", List.of(StepDefinition.of("a", "echo")), null))
        .isInstanceOf(WorkflowValidationException.class)
        .hasMessageContaining("name: must match");
  }

  @Test
  void the_graph_answers_are_immutable() {
    WorkflowDefinition w = parse("name: chain\nsteps: [{name: a, type: echo}, {name: b, type: echo}]\n");
    assertThatThrownBy(() -> w.next("a").clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> w.entrySteps().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> w.steps().clear()).isInstanceOf(UnsupportedOperationException.class);
  }
}
