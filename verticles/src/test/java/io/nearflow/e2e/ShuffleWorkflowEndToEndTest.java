package io.nearflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.data.DataUnit;
import io.nearflow.node.EmbeddedCluster;
import io.nearflow.node.NearflowNode;
import io.nearflow.testing.Await;
import io.nearflow.testing.TestClusters;
import io.nearflow.testing.Workloads;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The article's happy path on the embedded paper cluster: the 4-step shuffle workflow. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShuffleWorkflowEndToEndTest {
  @TempDir static Path dir;
  private EmbeddedCluster cluster;

  @BeforeAll
  void start() {
    cluster = Await.result(EmbeddedCluster.start(EmbeddedCluster.Options
        .defaults(TestClusters.uniqueName(getClass()), dir.resolve("nodes"))
        .withSettings(Workloads.instances(Map.of("shuffle", 3)))), Duration.ofSeconds(120));
    Await.result(cluster.awaitFullView(30_000), Duration.ofSeconds(40));
    Workloads.register(cluster.node("edge1-a"), Workloads.resource("shuffle4.yaml"));
  }

  @AfterAll
  void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void every_run_succeeds_step_four_runs_in_cloud1_and_earlier_steps_stay_in_the_data_zone() {
    List<String> runIds = new ArrayList<>();
    for (String host : List.of("edge1-a", "edge2-b")) {
      NearflowNode node = cluster.node(host);
      for (int i = 0; i < 3; i++) {
        DataUnit in = Workloads.put(node, dir.resolve("scratch"), 256 * 1024, i);
        runIds.add(Await.result(Workloads.start(node, "shuffle4", in), Duration.ofSeconds(20)).getString("runId"));
      }
    }
    List<JsonObject> runs = Workloads.awaitEnded(cluster.node("cloud1-a"), runIds, Duration.ofSeconds(90));
    for (JsonObject run : runs) {
      assertThat(run.getString("state")).as(run.encodePrettily()).isEqualTo("SUCCEEDED");
      assertThat(run.getJsonArray("finalOutputs")).hasSize(1);
      String inputZone = run.getJsonObject("input").getJsonObject("locality").getString("zone");
      for (Object o : run.getJsonArray("hops")) {
        JsonObject hop = (JsonObject) o;
        if (hop.getString("step").equals("shuffle4")) {
          assertThat(hop.getString("instanceZone")).isEqualTo("cloud1");
        } else {
          assertThat(hop.getString("instanceZone")).as("step %s of a run whose data is in %s", hop.getString("step"), inputZone)
              .isEqualTo(inputZone);
        }
      }
      DataUnit out = DataUnit.fromJson(run.getJsonArray("finalOutputs").getJsonObject(0));
      assertThat(out.sizeBytes()).isEqualTo(256 * 1024);
      assertThat(out.locality().zone()).isEqualTo("cloud1");
    }

    // Retention: intermediate units (outputs of steps 1-3) are deleted once consumed; the
    // submitted inputs and the final outputs stay registered.
    java.util.Set<String> kept = new java.util.HashSet<>();
    runs.forEach(r -> {
      kept.add(r.getJsonObject("input").getString("id"));
      kept.add(r.getJsonArray("finalOutputs").getJsonObject(0).getString("id"));
    });
    NearflowNode cloud = cluster.node("cloud1-b");
    Await.until(() -> registeredUnitIds(cloud).equals(kept), Duration.ofSeconds(30),
        () -> "registered units " + registeredUnitIds(cloud) + ", expected only inputs and final outputs " + kept);
    // ...and their files are gone from every host's store, replicas pulled across zones included.
    Await.until(() -> kept.containsAll(storedUnitFiles()), Duration.ofSeconds(30),
        () -> "files in the stores " + storedUnitFiles() + ", expected only inputs and final outputs " + kept);
    assertThat(storedUnitFiles()).containsAll(kept);
  }

  /** The unit files (not hidden temp or metadata files) in the stores of all six hosts. */
  private static java.util.Set<String> storedUnitFiles() {
    java.util.Set<String> names = new java.util.HashSet<>();
    try (var hosts = java.nio.file.Files.list(dir.resolve("nodes"))) {
      for (Path store : hosts.map(h -> h.resolve("store")).filter(java.nio.file.Files::isDirectory).toList()) {
        try (var files = java.nio.file.Files.list(store)) {
          files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).forEach(names::add);
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return names;
  }

  private static java.util.Set<String> registeredUnitIds(NearflowNode via) {
    JsonObject all = Await.result(via.vertx().eventBus().<JsonObject>request(io.nearflow.protocol.Addresses.DATA_MASTER,
        new JsonObject().put("action", "list")).map(m -> m.body()), Duration.ofSeconds(10));
    java.util.Set<String> ids = new java.util.HashSet<>();
    all.getJsonArray("units").forEach(u -> ids.add(((JsonObject) u).getJsonObject("unit").getString("id")));
    return ids;
  }
}
