package io.nearflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.data.DataUnit;
import io.nearflow.node.EmbeddedCluster;
import io.nearflow.node.NearflowNode;
import io.nearflow.testing.ApiClient;
import io.nearflow.testing.Await;
import io.nearflow.testing.TestClusters;
import io.nearflow.testing.Workloads;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fan-out, and hops that find no capacity: one host per zone, one slot per instance, every node
 * an orchestrator (so several orchestrators book the same instances at once).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FanOutAndCapacityTest {
  @TempDir static Path dir;
  private EmbeddedCluster cluster;

  @BeforeAll
  void start() {
    cluster = Await.result(EmbeddedCluster.start(EmbeddedCluster.Options
        .defaults(TestClusters.uniqueName(getClass()), dir.resolve("nodes")).withHostsPerZone(1)
        .withSettings(Workloads.instances(Map.of("split", 2, "echo", 2, "sleep", 1)))), Duration.ofSeconds(120));
    Await.result(cluster.awaitFullView(30_000), Duration.ofSeconds(40));
  }

  @AfterAll
  void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void a_step_with_three_outputs_yields_three_downstream_hops_that_each_finish() {
    NearflowNode edge = cluster.node("edge1-a");
    Workloads.register(edge, """
        name: fan3
        steps:
          - name: split
            type: split
            params: {parts: "3"}
          - name: copy
            type: echo
        """);
    DataUnit in = Workloads.put(edge, dir.resolve("scratch"), 30_000, 7);
    String runId = Await.result(Workloads.start(edge, "fan3", in), Duration.ofSeconds(20)).getString("runId");
    JsonObject run = Workloads.awaitEnded(edge, List.of(runId), Duration.ofSeconds(60)).get(0);
    assertThat(run.getString("state")).as(run.encodePrettily()).isEqualTo("SUCCEEDED");
    List<JsonObject> hops = run.getJsonArray("hops").stream().map(o -> (JsonObject) o).toList();
    assertThat(hops).filteredOn(h -> h.getString("step").equals("split")).hasSize(1);
    List<JsonObject> copies = hops.stream().filter(h -> h.getString("step").equals("copy")).toList();
    assertThat(copies).hasSize(3).allSatisfy(h -> assertThat(h.getString("state")).isEqualTo("SUCCEEDED"));
    assertThat(copies).extracting(h -> h.getJsonObject("input").getString("id")).doesNotHaveDuplicates();
    assertThat(run.getJsonArray("finalOutputs")).hasSize(3);
    long total = run.getJsonArray("finalOutputs").stream().mapToLong(o -> ((JsonObject) o).getLong("sizeBytes")).sum();
    assertThat(total).isEqualTo(30_000);
  }

  @Test
  void hops_without_capacity_queue_and_all_complete_once_without_exceeding_any_instances_limit() {
    NearflowNode edge = cluster.node("edge2-a");
    Workloads.register(edge, """
        name: slow
        steps:
          - name: nap
            type: sleep
            params: {ms: "150"}
        """);
    List<String> runIds = new ArrayList<>();
    List<NearflowNode> nodes = cluster.nodes();
    for (int i = 0; i < 12; i++) {
      NearflowNode via = nodes.get(i % nodes.size());
      DataUnit in = Workloads.put(via, dir.resolve("scratch"), 1_000, 100 + i);
      runIds.add(Await.result(Workloads.start(via, "slow", in), Duration.ofSeconds(20)).getString("runId"));
    }
    List<JsonObject> runs = Workloads.awaitEnded(edge, runIds, Duration.ofSeconds(90));
    Map<String, List<long[]>> busy = new HashMap<>();
    Set<String> orchestrators = new HashSet<>();
    int queued = 0;
    for (JsonObject run : runs) {
      assertThat(run.getString("state")).isEqualTo("SUCCEEDED");
      assertThat(run.getJsonArray("hops")).hasSize(1);
      JsonObject hop = run.getJsonArray("hops").getJsonObject(0);
      assertThat(hop.getInteger("attempt")).as("hop ran once: %s", hop.encode()).isEqualTo(1);
      orchestrators.add(hop.getString("orchestratorNodeId"));
      if (hop.getJsonObject("durationsMs").getDouble("queued") > 50) {
        queued++;
      }
      JsonObject a = hop.getJsonObject("agent");
      busy.computeIfAbsent(hop.getString("instanceId"), k -> new ArrayList<>())
          .add(new long[] {a.getLong("pullStart"), a.getLong("pushEnd")});
    }
    assertThat(orchestrators).as("runs were started through several orchestrators").hasSizeGreaterThan(1);
    assertThat(queued).as("12 hops of 150 ms on 3 one-slot instances must wait").isGreaterThan(0);
    busy.forEach((instance, intervals) -> assertThat(maxOverlap(intervals)).as(instance).isEqualTo(1));
    // Every slot booked for these hops is free again: no booking outlives its hop.
    try (ApiClient api = new ApiClient("http://127.0.0.1:" + edge.httpPort() + "/api/v1")) {
      Await.until(() -> api.topology().getJsonArray("instances").stream()
              .map(JsonObject.class::cast).allMatch(i -> i.getInteger("inFlight") == 0),
          Duration.ofSeconds(20), () -> "slots still booked: " + api.topology().getJsonArray("instances"));
    }
  }

  private static int maxOverlap(List<long[]> intervals) {
    int max = 0;
    for (long[] a : intervals) {
      int n = 0;
      for (long[] b : intervals) {
        if (b[0] < a[1] && a[0] < b[1]) {
          n++;
        }
      }
      max = Math.max(max, n);
    }
    return max;
  }
}
