package io.nearflow.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.node.EmbeddedCluster;
import io.nearflow.node.NodeConfig;
import io.nearflow.protocol.Addresses;
import io.nearflow.testing.Await;
import io.nearflow.testing.TestClusters;
import io.nearflow.testing.Workloads;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workflow definitions are kept on every orchestrator's disk and come back after a full restart. */
class WorkflowsSurviveClusterRestartTest {
  @TempDir Path dir;
  private EmbeddedCluster cluster;

  @AfterEach
  void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private EmbeddedCluster start(String name) {
    EmbeddedCluster.Options o = EmbeddedCluster.Options.defaults(name, dir.resolve("nodes")).withTopology("single")
        .withHostsPerZone(2);
    List<NodeConfig> configs = EmbeddedCluster.configs(o);
    EmbeddedCluster c = Await.result(EmbeddedCluster.start(configs), Duration.ofSeconds(90));
    Await.result(c.awaitFullView(30_000), Duration.ofSeconds(40));
    return c;
  }

  private JsonObject get(String name, int version) {
    return Await.result(cluster.nodes().get(1).vertx().eventBus().<JsonObject>request(Addresses.WORKFLOWS,
        new JsonObject().put("action", "get").put("name", name).put("version", version)).map(m -> m.body()),
        Duration.ofSeconds(20));
  }

  @Test
  void registered_versions_are_there_after_every_node_of_the_cluster_restarted() {
    cluster = start(TestClusters.uniqueName(getClass()));
    String v1 = "name: pipeline\nsteps:\n  - {name: a, type: echo}\n";
    String v2 = "name: pipeline\nsteps:\n  - {name: a, type: echo}\n  - {name: b, type: shuffle}\n";
    assertThat(Workloads.register(cluster.node("local-a"), v1).getInteger("version")).isEqualTo(1);
    assertThat(Workloads.register(cluster.node("local-b"), v2).getInteger("version")).isEqualTo(2);
    assertThat(Workloads.register(cluster.node("local-a"), v2).getInteger("version"))
        .as("registering the same content again is idempotent").isEqualTo(2);
    // Every orchestrator mirrors to its disk asynchronously; give the mirror a moment by polling.
    Await.until(() -> mirrored(dir.resolve("nodes/local-a")) && mirrored(dir.resolve("nodes/local-b")),
        Duration.ofSeconds(10), () -> "versions not mirrored to both disks");

    Await.result(cluster.closeAll(), Duration.ofSeconds(60));
    cluster = start(TestClusters.uniqueName(getClass()));

    JsonObject latest = get("pipeline", 0);
    assertThat(latest.getInteger("version")).isEqualTo(2);
    assertThat(latest.getJsonArray("steps")).hasSize(2);
    assertThat(get("pipeline", 1).getJsonArray("steps")).hasSize(1);
  }

  private static boolean mirrored(Path node) {
    Path dir = node.resolve("orchestrator/workflows/pipeline");
    return java.nio.file.Files.isRegularFile(dir.resolve("v1.json")) && java.nio.file.Files.isRegularFile(dir.resolve("v2.json"));
  }
}
