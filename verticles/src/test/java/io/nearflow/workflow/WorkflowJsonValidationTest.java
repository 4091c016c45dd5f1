package io.nearflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** JSON files are checked by the same rules as YAML ones, with JSON's own lines. */
class WorkflowJsonValidationTest {

  private static WorkflowValidationException refused(String json) {
    return catchThrowableOfType(WorkflowValidationException.class,
        () -> WorkflowParser.parse(json, "pipeline.json", Set.of("local-fs")));
  }

  @Test
  void a_json_file_is_read_like_a_yaml_file() {
    WorkflowDefinition w = WorkflowParser.parse("""
        {
          "name": "faces",
          "steps": [
            {"name": "ingest", "type": "echo"},
            {"name": "blur", "type": "blur", "timeout": "30s", "retry": {"maxAttempts": 5}}
          ]
        }
        """, "pipeline.json", Set.of("local-fs"));
    assertThat(w.step("blur").follows()).containsExactly("ingest");
    assertThat(w.step("blur").retry().maxAttempts()).isEqualTo(5);
  }

  @Test
  void an_unknown_follows_in_json_names_its_line() {
    assertThat(refused("""
        {
          "name": "faces",
          "steps": [
            {"name": "ingest", "type": "echo"},
            {"name": "blur", "type": "blur",
             "follows": ["ingest", "ingset"]}
          ]
        }
        """)).hasMessage("pipeline.json:6: steps[1].follows: unknown step 'ingset' (steps are: ingest, blur)");
  }

  @Test
  void json_problems_are_all_reported_with_lines_and_fields() {
    WorkflowValidationException e = refused("""
        {
          "name": "faces",
          "steps": [
            {
              "name": "a",
              "type": "echo",
              "sink": "s3",
              "retry": {"maxAttempts": "three"}
            },
            {
              "name": "a",
              "type": "echo",
              "colour": "blue"
            }
          ]
        }
        """);
    assertThat(e.problems()).containsExactly(
        "pipeline.json:7: steps[0].sink: unknown adapter 's3' (adapters: local-fs)",
        "pipeline.json:8: steps[0].retry.maxAttempts: expected a whole number, got 'three'",
        "pipeline.json:11: steps[1].name: duplicate step name 'a' (also steps[0])",
        "pipeline.json:13: steps[1].colour: unknown field (a step has: name, type, source, sink, follows, placement, params, retry, timeout)");
  }

  @Test
  void a_cycle_in_json_is_named() {
    assertThat(refused("""
        {"name": "loop", "steps": [
          {"name": "a", "type": "echo", "follows": "b"},
          {"name": "b", "type": "echo", "follows": "a"}
        ]}
        """)).hasMessage("pipeline.json:2: steps[0].follows: cycle a -> b -> a");
  }

  @Test
  void malformed_json_names_the_line_jackson_found() {
    WorkflowValidationException e = refused("""
        {
          "name": "faces",
          "steps": [
            {"name": "a", "type": "echo",}
          ]
        }
        """);
    assertThat(e).hasMessageStartingWith("pipeline.json:4: malformed JSON: Unexpected character ('}'");
  }

  @Test
  void a_steps_field_that_is_not_a_list_is_refused() {
    assertThat(refused("{\n  \"name\": \"faces\",\n  \"steps\": {\"name\": \"a\"}\n}\n"))
        .hasMessage("pipeline.json:3: steps: expected a list of steps, got a mapping");
  }
}
