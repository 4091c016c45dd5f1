package io.nearflow.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.data.DataUnit;
import io.nearflow.node.EmbeddedCluster;
import io.nearflow.testing.Await;
import io.nearflow.testing.TestClusters;
import io.nearflow.testing.Workloads;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster maps live in memory; each zone scheduler also journals the records it feeds them
 * to its own disk. After every node of the cluster stops and starts again (same data
 * directories), run history is still there and runs that were running resume and finish.
 */
class RunsSurviveClusterRestartTest {
  @TempDir Path dir;
  private EmbeddedCluster cluster;

  @AfterEach
  void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private EmbeddedCluster start() {
    EmbeddedCluster.Options o = EmbeddedCluster.Options.defaults(TestClusters.uniqueName(getClass()), dir.resolve("nodes"))
        .withTopology("single").withHostsPerZone(2).withSettings(Workloads.instances(Map.of("echo", 2, "sleep", 2)));
    EmbeddedCluster c = Await.result(EmbeddedCluster.start(EmbeddedCluster.configs(o)), Duration.ofSeconds(90));
    Await.result(c.awaitFullView(30_000), Duration.ofSeconds(40));
    return c;
  }

  @Test
  void run_history_is_there_after_every_node_restarted_and_running_runs_resume() {
    cluster = start();
    var a = cluster.node("local-a");
    Workloads.register(a, "name: quick\nsteps:\n  - {name: copy, type: echo}\n");
    Workloads.register(a, "name: slow\nsteps:\n  - {name: wait, type: sleep, params: {ms: \"4000\"}, "
        + "retry: {maxAttempts: 5, backoff: 100ms}}\n  - {name: copy, type: echo}\n");
    List<String> done = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      DataUnit in = Workloads.put(a, dir.resolve("scratch"), 1_000, i);
      done.add(Await.result(Workloads.start(a, "quick", in), Duration.ofSeconds(20)).getString("runId"));
    }
    assertThat(Workloads.awaitEnded(a, done, Duration.ofSeconds(60)))
        .allSatisfy(r -> assertThat(r.getString("state")).isEqualTo("SUCCEEDED"));
    List<String> running = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      DataUnit in = Workloads.put(a, dir.resolve("scratch"), 1_000, 10 + i);
      running.add(Await.result(Workloads.start(a, "slow", in), Duration.ofSeconds(20)).getString("runId"));
    }
    Await.until(() -> running.stream().allMatch(id -> Workloads.run(a, id).getJsonArray("hops").stream()
            .anyMatch(h -> "DISPATCHED".equals(((JsonObject) h).getString("state")))),
        Duration.ofSeconds(20), () -> "the slow runs' first hops were never dispatched");

    Await.result(cluster.closeAll(), Duration.ofSeconds(60));
    cluster = start();
    var again = cluster.node("local-b");

    List<JsonObject> history = Workloads.awaitEnded(again, done, Duration.ofSeconds(30));
    assertThat(history).as("runs that ended before the restart").allSatisfy(r -> {
      assertThat(r.getString("state")).isEqualTo("SUCCEEDED");
      assertThat(r.getJsonArray("finalOutputs")).hasSize(1);
      assertThat(r.getJsonArray("hops")).hasSize(1);
    });
    List<JsonObject> resumed = Workloads.awaitEnded(again, running, Duration.ofSeconds(90));
    assertThat(resumed).as("runs that were running when every node stopped").allSatisfy(r -> {
      assertThat(r.getString("state")).as(r.encodePrettily()).isEqualTo("SUCCEEDED");
      assertThat(r.getJsonArray("finalOutputs")).hasSize(1);
      assertThat(r.getJsonArray("hops").stream().map(h -> ((JsonObject) h).getString("state")))
          .containsOnly("SUCCEEDED");
    });
  }
}
