package io.nearflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowRepositoryTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dataDir;

  private WorkflowRepository repository() {
    return new WorkflowRepository(dataDir, CLOCK);
  }

  private static WorkflowDefinition workflow(String name, String... types) {
    StringBuilder yaml = new StringBuilder("name: " + name + "\nsteps:\n");
    for (int i = 0; i < types.length; i++) {
      yaml.append("  - {name: s").append(i).append(", type: ").append(types[i]).append("}\n");
    }
    return WorkflowParser.parse(yaml.toString(), name + ".yaml", Set.of("local-fs"));
  }

  @Test
  void a_new_workflow_is_version_1_and_each_change_the_next_version() {
    WorkflowRepository repo = repository();
    WorkflowDefinition v1 = repo.register(workflow("faces", "echo"));
    WorkflowDefinition v2 = repo.register(workflow("faces", "echo", "blur"));
    assertThat(v1.version()).isEqualTo(1);
    assertThat(v1.registeredAt()).isEqualTo(CLOCK.instant());
    assertThat(v2.version()).isEqualTo(2);
    assertThat(repo.latest("faces")).contains(v2);
    assertThat(repo.get("faces", 1)).contains(v1);
    assertThat(repo.get("faces", 3)).isEmpty();
    assertThat(repo.versions("faces")).containsExactly(v1, v2);
    assertThat(dataDir.resolve("workflows/faces/v1.json")).isRegularFile();
    assertThat(dataDir.resolve("workflows/faces/v2.json")).isRegularFile();
  }

  @Test
  void registering_the_same_content_again_returns_the_latest_without_a_new_version() {
    WorkflowRepository repo = repository();
    WorkflowDefinition v1 = repo.register(workflow("faces", "echo"));
    assertThat(repo.register(workflow("faces", "echo"))).isSameAs(v1);
    assertThat(new WorkflowRepository(dataDir).register(workflow("faces", "echo"))).isEqualTo(v1);
    assertThat(repo.versions("faces")).hasSize(1);
  }

  @Test
  void going_back_to_an_older_content_is_a_new_version() {
    WorkflowRepository repo = repository();
    repo.register(workflow("faces", "echo"));
    repo.register(workflow("faces", "blur"));
    assertThat(repo.register(workflow("faces", "echo")).version()).isEqualTo(3);
  }

  @Test
  void a_new_repository_on_the_same_directory_sees_every_version() {
    WorkflowRepository before = repository();
    WorkflowDefinition a1 = before.register(workflow("alpha", "echo"));
    WorkflowDefinition a2 = before.register(workflow("alpha", "shuffle"));
    WorkflowDefinition b1 = before.register(workflow("beta", "echo", "echo"));

    WorkflowRepository after = new WorkflowRepository(dataDir);
    assertThat(after.list()).containsExactly(a2, b1);
    assertThat(after.versions("alpha")).containsExactly(a1, a2);
    assertThat(after.latest("beta").orElseThrow().next("s0")).extracting(StepDefinition::name).containsExactly("s1");
    assertThat(new WorkflowRepository(dataDir).loadAll()).containsExactly(a1, a2, b1);
  }

  @Test
  void delete_removes_every_version_and_says_whether_there_was_one() {
    WorkflowRepository repo = repository();
    repo.register(workflow("faces", "echo"));
    repo.register(workflow("faces", "blur"));
    repo.register(workflow("other", "echo"));
    assertThat(repo.delete("faces")).isTrue();
    assertThat(repo.delete("faces")).isFalse();
    assertThat(repo.delete("never-was")).isFalse();
    assertThat(repo.latest("faces")).isEmpty();
    assertThat(repo.versions("faces")).isEmpty();
    assertThat(new WorkflowRepository(dataDir).list()).extracting(WorkflowDefinition::name).containsExactly("other");
  }

  @Test
  void versions_do_not_restart_after_a_delete_so_old_runs_cannot_be_confused_with_new_ones() {
    repository().register(workflow("faces", "echo"));
    repository().register(workflow("faces", "blur"));
    repository().delete("faces");
    assertThat(new WorkflowRepository(dataDir).register(workflow("faces", "echo")).version()).isEqualTo(3);
  }

  @Test
  void writes_leave_no_temporary_files_behind() throws IOException {
    WorkflowRepository repo = repository();
    repo.register(workflow("faces", "echo"));
    repo.register(workflow("faces", "blur"));
    repo.delete("faces");
    repo.register(workflow("faces", "shuffle"));
    try (Stream<Path> files = Files.walk(repo.directory())) {
      assertThat(files.filter(Files::isRegularFile).map(p -> repo.directory().relativize(p).toString()))
          .containsExactlyInAnyOrder("faces/v3.json", "faces/" + WorkflowFiles.TOMBSTONE);
    }
  }

  @Test
  void a_corrupt_file_is_reported_and_skipped_and_the_rest_still_loads() throws IOException {
    WorkflowDefinition good = repository().register(workflow("good", "echo"));
    Path bad = dataDir.resolve("workflows/bad/v1.json");
    Files.createDirectories(bad.getParent());
    Files.writeString(bad, "{\n  \"name\": \"bad\",\n  \"steps\": [\n");
    Path wrongVersion = dataDir.resolve("workflows/good/v9.json");
    Files.writeString(wrongVersion, good.toJson().encode());
    Path leftover = dataDir.resolve("workflows/good/.v2.json.123.tmp");
    Files.writeString(leftover, "half a wri");

    WorkflowRepository repo = new WorkflowRepository(dataDir);
    assertThat(repo.loadAll()).containsExactly(good);
    assertThat(repo.skippedFiles()).hasSize(2);
    assertThat(repo.skippedFiles().get(0) + repo.skippedFiles().get(1))
        .contains(bad + ":4: malformed JSON: Unexpected end-of-input: expected close marker for Array (start marker at line 3, column 12)")
        .contains(wrongVersion + ": holds workflow 'good' v1, expected 'good' v9");
    assertThat(leftover).doesNotExist();
  }

  @Test
  void a_version_number_held_by_an_unreadable_file_is_not_handed_out_again() throws IOException {
    repository().register(workflow("faces", "echo"));
    Path unreadable = dataDir.resolve("workflows/faces/v2.json");
    Files.writeString(unreadable, "not json");
    WorkflowRepository repo = new WorkflowRepository(dataDir);
    assertThat(repo.latest("faces").orElseThrow().version()).isEqualTo(1);
    assertThat(repo.register(workflow("faces", "blur")).version()).isEqualTo(3);
    assertThat(unreadable).hasContent("not json");
  }

  @Test
  void concurrent_registrations_get_distinct_versions() throws Exception {
    WorkflowRepository repo = repository();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<WorkflowDefinition>> results = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String type = "type" + i;
        results.add(pool.submit(() -> repo.register(workflow("busy", type))));
      }
      List<Integer> versions = new ArrayList<>();
      for (Future<WorkflowDefinition> f : results) {
        versions.add(f.get().version());
      }
      assertThat(versions).doesNotHaveDuplicates().hasSize(20).allMatch(v -> v >= 1 && v <= 20);
      assertThat(new WorkflowRepository(dataDir).versions("busy")).hasSize(20);
    } finally {
      pool.shutdownNow();
    }
  }
}
