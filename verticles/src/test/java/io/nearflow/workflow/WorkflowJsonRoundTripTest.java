package io.nearflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkflowJsonRoundTripTest {
  private static final String FANOUT = """
      name: fanout
      description: two branches
      steps:
        - {name: split, type: echo, timeout: 30s}
        - {name: a, type: shuffle, follows: split, retry: {maxAttempts: 5, backoff: 500ms, maxBackoff: 10s}}
        - {name: b, type: echo, follows: split, placement: {zones: [edge1], hosts: [bus-1]}, params: {level: 3}}
        - {name: join, type: echo, follows: [a, b]}
      """;

  @Test
  void a_definition_survives_json_with_version_and_registration_time() {
    WorkflowDefinition w = WorkflowParser.parse(FANOUT, "f.yaml", Set.of("local-fs"))
        .registered(4, Instant.parse("2025-03-01T10:15:30.123Z"));
    WorkflowDefinition back = WorkflowDefinition.fromJson(new JsonObject(w.toJson().encode()));
    assertThat(back).isEqualTo(w);
    assertThat(back.version()).isEqualTo(4);
    assertThat(back.next("split")).extracting(StepDefinition::name).containsExactly("a", "b");
  }

  @Test
  void durations_are_written_as_text_and_every_step_says_what_it_follows() {
    JsonObject json = WorkflowParser.parse(FANOUT, "f.yaml", Set.of("local-fs")).toJson();
    JsonObject split = json.getJsonArray("steps").getJsonObject(0);
    JsonObject a = json.getJsonArray("steps").getJsonObject(1);
    assertThat(split.getString("timeout")).isEqualTo("30s");
    assertThat(split.getJsonArray("follows")).isEmpty();
    assertThat(a.getJsonObject("retry").getString("backoff")).isEqualTo("500ms");
    assertThat(a.getJsonObject("retry").getString("maxBackoff")).isEqualTo("10s");
    assertThat(a.getString("timeout")).isEqualTo("5m");
    assertThat(json.containsKey("version")).isFalse();
  }

  @Test
  void a_chain_stays_a_chain_through_json() {
    WorkflowDefinition chain = WorkflowParser.parse("name: c\nsteps: [{name: a, type: echo}, {name: b, type: echo}]\n", "c.yaml", null);
    WorkflowDefinition back = WorkflowDefinition.fromJson(chain.toJson());
    assertThat(back.step("b").follows()).containsExactly("a");
    assertThat(back.sameContent(chain)).isTrue();
  }

  @Test
  void steps_that_all_follow_nothing_stay_parallel_entry_steps_through_json() {
    WorkflowDefinition parallel = new WorkflowDefinition("p", 0, "",
        List.of(StepDefinition.of("a", "echo"), StepDefinition.of("b", "echo")), null);
    assertThat(WorkflowDefinition.fromJson(parallel.toJson()).entrySteps()).hasSize(2);
  }

  @Test
  void the_json_form_is_itself_a_valid_workflow_file() {
    WorkflowDefinition w = WorkflowParser.parse(FANOUT, "f.yaml", Set.of("local-fs")).registered(2, Instant.now());
    WorkflowDefinition again = WorkflowParser.parse(w.toJson().encodePrettily(), "fetched.json", Set.of("local-fs"));
    assertThat(again.sameContent(w)).isTrue();
  }

  @Test
  void bad_json_objects_are_refused_naming_the_field() {
    JsonObject json = new JsonObject().put("name", "x")
        .put("steps", new JsonArray().add(new JsonObject().put("name", "a").put("type", "echo").put("timeout", "soon")));
    assertThatThrownBy(() -> WorkflowDefinition.fromJson(json)).isInstanceOf(WorkflowValidationException.class)
        .hasMessage("workflow JSON: steps[0].timeout: expected a duration like 500ms, 30s, 5m or 1h30m (got 'soon')");
  }
}
