package io.nearflow.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.nearflow.testing.Await;
import io.nearflow.workflow.WorkflowDefinition;
import io.nearflow.workflow.WorkflowParser;
import io.nearflow.workflow.WorkflowRepository;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workflow version number names one content for ever: orchestrators cache versions by
 * {@code name@version} and runs record the version they started with, so registering a name
 * again after a delete must not hand out a number it has used before. Two orchestrators' catalogs
 * share one single-member Hazelcast map here.
 */
class WorkflowVersionNumbersTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private HazelcastInstance hazelcast;
  private Vertx vertx;
  private WorkflowCatalog here;
  private WorkflowCatalog there;
  private WorkflowRepository thereOnDisk;

  @BeforeEach
  void start() {
    Config config = new Config().setClusterName("wf-versions-" + UUID.randomUUID());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    hazelcast = Hazelcast.newHazelcastInstance(config);
    vertx = Vertx.vertx();
    here = new WorkflowCatalog(hazelcast, new WorkflowRepository(dir.resolve("here")), vertx.getOrCreateContext());
    thereOnDisk = new WorkflowRepository(dir.resolve("there"));
    there = new WorkflowCatalog(hazelcast, thereOnDisk, vertx.getOrCreateContext());
  }

  @AfterEach
  void stop() {
    here.close();
    there.close();
    Await.result(vertx.close(), WAIT);
    hazelcast.shutdown();
  }

  @Test
  void a_workflow_registered_again_after_a_delete_continues_its_numbering() {
    assertThat(register("- {name: a, type: echo}").version()).isEqualTo(1);
    assertThat(register("- {name: b, type: echo}").version()).isEqualTo(2);
    assertThat(step(there, 1)).as("read (and cached) by another orchestrator").contains("a");

    assertThat(Await.result(here.delete("faces"), WAIT)).isTrue();
    assertThat(Await.result(here.get("faces", 0), WAIT)).isEmpty();
    assertThat(Await.result(here.get("faces", 2), WAIT)).isEmpty();

    // The same content as the deleted latest version, then new content.
    assertThat(register("- {name: b, type: echo}").version()).isEqualTo(3);
    assertThat(register("- {name: c, type: echo}").version()).isEqualTo(4);

    assertThat(step(here, 0)).contains("c");
    assertThat(step(here, 4)).contains("c");
    assertThat(step(here, 3)).contains("b");
    assertThat(step(here, 1)).as("deleted, and never another content").isEmpty();
    Await.until(() -> step(there, 1).isEmpty(), WAIT, () -> "the other orchestrator still serves faces@1 = "
        + step(there, 1));
    assertThat(Await.result(there.list(), WAIT)).extracting(WorkflowDefinition::version).containsExactly(4);
    Await.until(() -> thereOnDisk.latest("faces").map(WorkflowDefinition::version).orElse(0) == 4, WAIT,
        () -> "disk copy of the other orchestrator: " + thereOnDisk.versions("faces"));
    assertThat(thereOnDisk.versions("faces")).extracting(WorkflowDefinition::version).containsExactly(3, 4);
  }

  @Test
  void a_name_deleted_before_a_full_cluster_restart_continues_its_numbering_after_it() {
    // What a node's disk holds after faces v1 and v2 were registered and the workflow deleted.
    WorkflowRepository disk = new WorkflowRepository(dir.resolve("restarted"));
    disk.register(parse("- {name: a, type: echo}"));
    disk.register(parse("- {name: b, type: echo}"));
    assertThat(disk.delete("faces")).isTrue();
    // The cluster starts empty (every member restarted); this orchestrator offers its disk copy.
    WorkflowCatalog restarted = new WorkflowCatalog(hazelcast, disk, vertx.getOrCreateContext());
    try {
      restarted.restoreFromDisk();

      assertThat(Await.result(restarted.get("faces", 0), WAIT)).isEmpty();
      WorkflowDefinition again = Await.result(restarted.register(parse("- {name: c, type: echo}")), WAIT);
      assertThat(again.version()).isEqualTo(3);
      Await.until(() -> disk.latest("faces").map(WorkflowDefinition::version).orElse(0) == 3, WAIT,
          () -> "disk copy: " + disk.versions("faces"));
    } finally {
      restarted.close();
    }
  }

  private static WorkflowDefinition parse(String steps) {
    return WorkflowParser.parse("name: faces\nsteps:\n  " + steps + "\n", "faces.yaml", Set.of("local-fs"));
  }

  private WorkflowDefinition register(String steps) {
    return Await.result(here.register(parse(steps)), WAIT);
  }

  private static Optional<String> step(WorkflowCatalog catalog, int version) {
    return Await.result(catalog.get("faces", version), WAIT).map(d -> d.entrySteps().get(0).name());
  }
}
