package io.nearflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a valid file means: defaults, the forms a field may take, and what is ignored. */
class WorkflowParserTest {

  private static WorkflowDefinition parse(String yaml) {
    return WorkflowParser.parse(yaml, "w.yaml", Set.of("local-fs", "s3"));
  }

  @Test
  void a_step_that_says_only_its_name_and_type_gets_the_defaults() {
    StepDefinition s = parse("name: w\nsteps: [{name: a, type: echo}]\n").step("a");
    assertThat(s.source()).isEqualTo("local-fs");
    assertThat(s.sink()).isEqualTo("local-fs");
    assertThat(s.placement()).isEqualTo(Placement.ANYWHERE);
    assertThat(s.params()).isEmpty();
    assertThat(s.retry()).isEqualTo(new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(5), 2.0));
    assertThat(s.timeout()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void every_field_of_a_step_is_read() {
    WorkflowDefinition w = parse("""
        name: faces
        description: Blur faces before anything leaves the site.
        steps:
          - name: blur
            type: blur
            source: s3
            sink: local-fs
            placement:
              zones: [edge1, edge2]
              hosts: box-7
            params:
              model: small
              threshold: 0.50
              gpu: false
            retry:
              maxAttempts: 7
              backoff: 1.5s
              maxBackoff: 1m
              multiplier: 3
            timeout: 1h30m
        """);
    assertThat(w.description()).isEqualTo("Blur faces before anything leaves the site.");
    StepDefinition s = w.step("blur");
    assertThat(s.source()).isEqualTo("s3");
    assertThat(s.placement()).isEqualTo(new Placement(List.of("edge1", "edge2"), List.of("box-7")));
    assertThat(s.params()).containsExactly(entry("model", "small"), entry("threshold", "0.50"), entry("gpu", "false"));
    assertThat(s.retry()).isEqualTo(new RetryPolicy(7, Duration.ofMillis(1500), Duration.ofMinutes(1), 3.0));
    assertThat(s.timeout()).isEqualTo(Duration.ofMinutes(90));
  }

  @Test
  void a_long_first_backoff_raises_the_default_cap_instead_of_contradicting_it() {
    RetryPolicy r = parse("name: w\nsteps: [{name: a, type: echo, retry: {backoff: 10s}}]\n").step("a").retry();
    assertThat(r.initialBackoff()).isEqualTo(Duration.ofSeconds(10));
    assertThat(r.maxBackoff()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void a_version_in_the_file_is_ignored_because_the_repository_assigns_versions() {
    WorkflowDefinition w = parse("name: w\nversion: 7\nregisteredAt: 2025-01-31T12:00:00Z\nsteps: [{name: a, type: echo}]\n");
    assertThat(w.version()).isZero();
    assertThat(w.registeredAt()).isNull();
  }

  @Test
  void adapters_are_not_checked_when_the_caller_does_not_know_them() {
    WorkflowDefinition w = WorkflowParser.parse("name: w\nsteps: [{name: a, type: echo, sink: hdfs}]\n", "w.yaml", null);
    assertThat(w.step("a").sink()).isEqualTo("hdfs");
  }

  @Test
  void placement_zones_are_checked_against_the_topology_by_the_caller() {
    WorkflowDefinition w = parse("""
        name: w
        steps:
          - {name: a, type: echo, placement: {zones: [edge1]}}
          - {name: b, type: echo, placement: {zones: [cloud9, edge1]}}
        """);
    assertThat(w.validateZones(new LinkedHashSet<>(List.of("edge1", "edge2", "cloud1"))))
        .containsExactly("w: steps[1].placement.zones: unknown zone 'cloud9' (zones: edge1, edge2, cloud1)");
    assertThat(w.validateZones(Set.of("edge1", "cloud9"))).isEmpty();
  }
}
