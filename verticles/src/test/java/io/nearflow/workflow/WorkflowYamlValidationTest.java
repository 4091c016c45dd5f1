package io.nearflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every problem names the file, the line and the field, and all problems are reported at once. */
class WorkflowYamlValidationTest {

  private static WorkflowValidationException refused(String yaml) {
    return catchThrowableOfType(WorkflowValidationException.class,
        () -> WorkflowParser.parse(yaml, "pipeline.yaml", Set.of("local-fs", "s3")));
  }

  @Test
  void an_unknown_follows_names_the_line_the_field_and_the_steps_there_are() {
    WorkflowValidationException e = refused("""
        name: faces
        steps:
          - name: ingest
            type: echo
          - name: blur
            type: blur
            follows: ingest
          - name: upload
            type: echo
            follows: blurr
        """);
    assertThat(e).hasMessage("pipeline.yaml:10: steps[2].follows: unknown step 'blurr' (steps are: ingest, blur, upload)");
  }

  @Test
  void an_unknown_step_inside_a_follows_list_is_named() {
    assertThat(refused("""
        name: faces
        steps:
          - {name: a, type: echo}
          - name: b
            type: echo
            follows:
              - a
              - c
        """)).hasMessage("pipeline.yaml:6: steps[1].follows: unknown step 'c' (steps are: a, b)");
  }

  @Test
  void a_step_that_names_the_same_step_twice_in_follows_is_refused() {
    assertThat(refused("""
        name: faces
        steps:
          - {name: a, type: echo}
          - {name: b, type: echo, follows: [a, a]}
        """)).hasMessage("pipeline.yaml:4: steps[1].follows: 'a' is listed twice");
  }

  @Test
  void a_duplicate_step_name_points_at_the_second_one_and_names_the_first() {
    assertThat(refused("""
        name: faces
        steps:
          - name: blur
            type: blur
          - name: blur
            type: echo
        """)).hasMessage("pipeline.yaml:5: steps[1].name: duplicate step name 'blur' (also steps[0])");
  }

  @Test
  void a_cycle_is_refused_with_its_path() {
    assertThat(refused("""
        name: loop
        steps:
          - name: a
            type: echo
            follows: c
          - name: b
            type: echo
            follows: a
          - name: c
            type: echo
            follows: b
        """)).hasMessage("pipeline.yaml:5: steps[0].follows: cycle a -> b -> c -> a");
  }

  @Test
  void a_step_that_follows_itself_is_a_cycle() {
    assertThat(refused("""
        name: loop
        steps:
          - {name: a, type: echo}
          - {name: b, type: echo, follows: b}
        """)).hasMessage("pipeline.yaml:4: steps[1].follows: cycle b -> b");
  }

  @Test
  void an_unknown_adapter_names_the_field_and_the_known_adapters() {
    WorkflowValidationException e = refused("""
        name: faces
        steps:
          - name: a
            type: echo
            source: hdfs
            sink: s3
          - name: b
            type: echo
            sink: ftp
        """);
    assertThat(e.problems()).containsExactly(
        "pipeline.yaml:5: steps[0].source: unknown adapter 'hdfs' (adapters: local-fs, s3)",
        "pipeline.yaml:9: steps[1].sink: unknown adapter 'ftp' (adapters: local-fs, s3)");
    assertThat(e).hasMessage("pipeline.yaml:5: steps[0].source: unknown adapter 'hdfs' (adapters: local-fs, s3) (and 1 more)");
  }

  @Test
  void an_unknown_field_is_refused_with_a_suggestion() {
    assertThat(refused("""
        name: faces
        steps:
          - name: a
            type: echo
            tiemout: 30s
        """)).hasMessage("pipeline.yaml:5: steps[0].tiemout: unknown field (did you mean 'timeout'? "
            + "a step has: name, type, source, sink, follows, placement, params, retry, timeout)");
  }

  @Test
  void unknown_fields_are_refused_at_every_level() {
    WorkflowValidationException e = refused("""
        name: faces
        owner: ops
        steps:
          - name: a
            type: echo
            retry:
              tries: 3
            placement:
              region: eu
        """);
    assertThat(e.problems()).containsExactly(
        "pipeline.yaml:2: owner: unknown field (a workflow has: name, description, version, registeredAt, steps)",
        "pipeline.yaml:7: steps[0].retry.tries: unknown field (retry has: maxAttempts, backoff, maxBackoff, multiplier)",
        "pipeline.yaml:9: steps[0].placement.region: unknown field (placement has: zones, hosts)");
  }

  @Test
  void a_missing_type_or_name_points_at_the_step() {
    WorkflowValidationException e = refused("""
        name: faces
        steps:
          - name: a
          - type: echo
        """);
    assertThat(e.problems()).containsExactly(
        "pipeline.yaml:3: steps[0].type: missing: which step type runs this step (e.g. shuffle, echo)?",
        "pipeline.yaml:4: steps[1].name: missing: every step needs a name");
  }

  @Test
  void a_workflow_needs_a_valid_name_and_at_least_one_step() {
    assertThat(refused("description: nameless\nsteps: []\n").problems()).containsExactly(
        "pipeline.yaml:1: name: missing: a workflow needs a name",
        "pipeline.yaml:2: steps: a workflow needs at least one step");
    assertThat(refused("name: my flow\nsteps: [{name: a, type: echo}]\n"))
        .hasMessage("pipeline.yaml:1: name: 'my flow' is not a valid workflow name "
            + "(letters, digits, '_', '.', '-'; starting with a letter or digit)");
  }

  @Test
  void bad_durations_and_retry_limits_name_their_field() {
    WorkflowValidationException e = refused("""
        name: faces
        steps:
          - name: a
            type: echo
            timeout: 30
            retry:
              maxAttempts: 0
              backoff: 2 seconds
          - name: b
            type: echo
            timeout: 0s
            retry: {maxAttempts: 101, backoff: 10s, maxBackoff: 1s, multiplier: 0.5}
        """);
    assertThat(e.problems()).containsExactly(
        "pipeline.yaml:5: steps[0].timeout: expected a duration like 500ms, 30s, 5m or 1h30m (got '30')",
        "pipeline.yaml:7: steps[0].retry.maxAttempts: must be between 1 and 100, got 0",
        "pipeline.yaml:8: steps[0].retry.backoff: expected a duration like 500ms, 30s, 5m or 1h30m (got '2 seconds')",
        "pipeline.yaml:11: steps[1].timeout: must be more than zero",
        "pipeline.yaml:12: steps[1].retry.maxAttempts: must be between 1 and 100, got 101",
        "pipeline.yaml:12: steps[1].retry.maxBackoff: must be at least backoff (10s)",
        "pipeline.yaml:12: steps[1].retry.multiplier: must be 1.0 or more, got 0.5");
  }

  @Test
  void placement_zones_must_be_non_empty_names() {
    assertThat(refused("""
        name: faces
        steps:
          - name: a
            type: echo
            placement:
              zones:
                - edge1
                - ""
        """)).hasMessage("pipeline.yaml:8: steps[0].placement.zones[1]: expected a non-empty zone name, got ''");
  }

  @Test
  void params_must_be_plain_values() {
    assertThat(refused("""
        name: faces
        steps:
          - name: a
            type: echo
            params:
              level: 3
              faces: [x, y]
        """)).hasMessage("pipeline.yaml:7: steps[0].params.faces: expected a plain value (text, number or true/false), got a list");
  }

  @Test
  void a_field_given_twice_points_at_the_second_one() {
    assertThat(refused("""
        name: faces
        steps:
          - name: a
            type: echo
            type: blur
        """)).hasMessage("pipeline.yaml:5: steps[0].type: given twice (first on line 4)");
  }

  @Test
  void malformed_yaml_names_the_line_jackson_found() {
    WorkflowValidationException e = refused("""
        name: faces
        steps:
          - name: a
            type: echo
           sink: s3
        """);
    assertThat(e).hasMessageStartingWith("pipeline.yaml:5: malformed YAML: ");
    assertThat(e.problems()).hasSize(1);
  }

  @Test
  void an_empty_file_and_a_file_that_is_not_a_mapping_are_refused() {
    assertThat(refused("# nothing yet\n")).hasMessage("pipeline.yaml: the file is empty");
    assertThat(refused("- a\n- b\n")).hasMessage("pipeline.yaml:1: expected a mapping with name and steps at the top, got a list");
    assertThat(refused("name: a\nsteps: [{name: a, type: echo}]\n---\nname: b\n"))
        .hasMessage("pipeline.yaml:4: unexpected content after the workflow (one workflow per file)");
  }

  @Test
  void every_problem_is_reported_in_file_order_and_the_message_counts_the_rest() {
    WorkflowValidationException e = refused("""
        name: faces
        steps:
          - name: a
            type: echo
            follows: zz
          - name: b
            typo: echo
        """);
    assertThat(e.problems()).containsExactly(
        "pipeline.yaml:5: steps[0].follows: unknown step 'zz' (steps are: a, b)",
        "pipeline.yaml:6: steps[1].type: missing: which step type runs this step (e.g. shuffle, echo)?",
        "pipeline.yaml:7: steps[1].typo: unknown field (did you mean 'type'? "
            + "a step has: name, type, source, sink, follows, placement, params, retry, timeout)");
    assertThat(e.getMessage()).endsWith("(and 2 more)").doesNotContain("\n");
  }
}
