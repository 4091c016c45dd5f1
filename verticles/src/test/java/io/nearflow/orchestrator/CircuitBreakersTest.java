package io.nearflow.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.config.Settings;
import io.nearflow.data.DataUnit;
import io.nearflow.node.EmbeddedCluster;
import io.nearflow.node.NearflowNode;
import io.nearflow.protocol.InstanceInfo;
import io.nearflow.testing.Await;
import io.nearflow.testing.TestClusters;
import io.nearflow.testing.Workloads;
import io.nearflow.cluster.ZoneSchedulers;
import io.nearflow.protocol.Addresses;
import io.nearflow.protocol.AgentReport;
import io.nearflow.protocol.SlotLoad;
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

/**
 * Breakers on the embedded cluster: a target that never answers gets its breaker opened and
 * work flows elsewhere; a step that raises its own error never opens one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CircuitBreakersTest {
  @TempDir static Path dir;
  private EmbeddedCluster cluster;
  private final List<NearflowNode> extra = new ArrayList<>();

  @BeforeAll
  void start() {
    Settings settings = Workloads.instances(Map.of("echo", 2, "fail", 2))
        .put("orchestrator.dispatchTimeoutMs", 1000, "test");
    cluster = Await.result(EmbeddedCluster.start(EmbeddedCluster.Options
        .defaults(TestClusters.uniqueName(getClass()), dir.resolve("nodes")).withHostsPerZone(1)
        .withSettings(settings)), Duration.ofSeconds(120));
    Await.result(cluster.awaitFullView(30_000), Duration.ofSeconds(40));
  }

  @AfterAll
  void stop() throws Exception {
    extra.forEach(n -> Await.result(n.close(), Duration.ofSeconds(30)));
    if (cluster != null) {
      cluster.close();
    }
  }

  private List<JsonObject> breakers(NearflowNode via) {
    List<JsonObject> out = new ArrayList<>();
    Await.result(via.vertx().executeBlocking(() -> {
      com.hazelcast.map.IMap<String, String> m = ((io.vertx.spi.cluster.hazelcast.HazelcastClusterManager)
          ((io.vertx.core.internal.VertxInternal) via.vertx()).clusterManager()).getHazelcastInstance().getMap(Breakers.MAP);
      m.values().forEach(v -> out.add(new JsonObject(v)));
      return null;
    }), Duration.ofSeconds(10));
    return out;
  }

  @Test
  void an_instance_that_never_answers_gets_an_open_breaker_and_its_hops_run_elsewhere() {
    NearflowNode edge = cluster.node("edge1-a");
    // A step instance advertised for a node that runs no agent: dispatches to it find no handler.
    int port = io.nearflow.node.FreePorts.find("127.0.0.1", 1).get(0);
    List<String> members = new ArrayList<>(edge.config().members());
    members.add("127.0.0.1:" + port);
    NearflowNode bare = Await.result(NearflowNode.start(io.nearflow.node.NodeConfigLoader.bind(new Settings()
        .put("cluster.name", edge.config().clusterName(), "test").put("cluster.members", members, "test")
        .put("cluster.port", port, "test").put("node.zone", "edge1", "test").put("node.host", "edge1-x", "test")
        .put("node.id", "edge1-x", "test").put("node.roles", "distance", "test")
        .put("dataDir", dir.resolve("edge1-x").toString(), "test").put("http.port", 0, "test"))), Duration.ofSeconds(60));
    extra.add(bare);
    Await.until(() -> edge.view().snapshot().node("edge1-x").isPresent(), Duration.ofSeconds(20), () -> "edge1-x not seen");
    InstanceInfo ghost = new InstanceInfo("edge1-x/echo", "echo", "edge1-x", "edge1-x", "edge1", 3);
    // Reported to edge1's scheduler as an agent would, from the bare node (which runs no agent).
    String scheduler = ZoneSchedulers.of(edge.view().snapshot(), edge.config().topology()).schedulerOf("edge1")
        .orElseThrow();
    Await.result(bare.vertx().eventBus().request(Addresses.schedulerAgents(scheduler),
        new AgentReport("edge1-x", "edge1", List.of(SlotLoad.counted(ghost, 0)), false).toJson()), Duration.ofSeconds(10));
    Workloads.register(edge, "name: copy\nsteps:\n  - {name: c, type: echo, retry: {maxAttempts: 5, backoff: 50ms}}\n");
    // Started together, so the data host's instance fills up and load spreads to the ghost.
    List<DataUnit> inputs = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      inputs.add(Workloads.put(edge, dir.resolve("scratch"), 2_000, i));
    }
    List<io.vertx.core.Future<JsonObject>> started = inputs.stream().map(in -> Workloads.start(edge, "copy", in)).toList();
    List<String> runIds = Await.result(io.vertx.core.Future.all(started), Duration.ofSeconds(30)).<JsonObject>list()
        .stream().map(r -> r.getString("runId")).toList();
    List<JsonObject> runs = Workloads.awaitEnded(edge, runIds, Duration.ofSeconds(90));
    assertThat(runs).allSatisfy(r -> assertThat(r.getString("state")).as(r.encode()).isEqualTo("SUCCEEDED"));
    assertThat(runs).allSatisfy(r -> assertThat(r.getJsonArray("hops").getJsonObject(0).getString("instanceId"))
        .isNotEqualTo(ghost.instanceId()));
    assertThat(breakers(edge)).anySatisfy(b -> {
      assertThat(b.getString("target")).isEqualTo(ghost.instanceId());
      assertThat(b.getString("state")).isIn("OPEN", "HALF_OPEN");
    });
  }

  @Test
  void a_step_that_raises_its_own_error_never_opens_a_breaker() {
    NearflowNode edge = cluster.node("edge2-a");
    long startedAtMs = System.currentTimeMillis();
    Workloads.register(edge, "name: broken\nsteps:\n  - {name: f, type: fail, params: {message: bad input}, retry: {maxAttempts: 2, backoff: 10ms}}\n");
    List<String> runIds = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      DataUnit in = Workloads.put(edge, dir.resolve("scratch2"), 500, 50 + i);
      runIds.add(Await.result(Workloads.start(edge, "broken", in), Duration.ofSeconds(20)).getString("runId"));
    }
    List<JsonObject> runs = Workloads.awaitEnded(edge, runIds, Duration.ofSeconds(60));
    assertThat(runs).allSatisfy(r -> {
      assertThat(r.getString("state")).isEqualTo("FAILED");
      assertThat(r.getString("failureReason")).contains("bad input").contains("after 2 attempts");
    });
    // A breaker is published only when it changes state, and a closed breaker's only way out is
    // to open: any entry for these targets that changed during this test means it opened (it may be
    // half-open or closed again by now). (Another test in this class spills hops to edge2 under a
    // 1 s dispatch time-out; on a loaded machine a hand-off there may time out and open
    // zone:edge2 at edge1's scheduler before this test starts: not this test's business.)
    assertThat(breakers(edge)).filteredOn(b -> b.getString("target").contains("/fail")
        || b.getString("target").equals("zone:edge2"))
        .filteredOn(b -> b.getLong("since", 0L) >= startedAtMs)
        .as("breakers of the failing step's instances and zone that left CLOSED during this test").isEmpty();
  }
}
