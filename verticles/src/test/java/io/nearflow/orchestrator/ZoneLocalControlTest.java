package io.nearflow.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.cluster.CapacityView;
import io.nearflow.cluster.ZoneSchedulers;
import io.nearflow.data.DataUnit;
import io.nearflow.node.EmbeddedCluster;
import io.nearflow.node.NearflowNode;
import io.nearflow.testing.Await;
import io.nearflow.testing.TestClusters;
import io.nearflow.testing.Workloads;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zone schedulers: a hop whose data and instances are in one zone is started, booked, dispatched
 * and finished by that zone's scheduler with no event-bus message leaving the zone; a hop that
 * must run in another zone is handed to that zone's scheduler once (spillback); no slot stays
 * booked. Every node-addressed event-bus message is observed with outbound interceptors on every
 * node. Runs are coordinated in the zone they entered; a hop in another zone reports its
 * completion there. (Records reach the cluster maps asynchronously; the data registry is still a
 * cluster map.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZoneLocalControlTest {
  private static final Pattern NODE_ADDRESS = Pattern.compile("^nearflow\\.(agent|orchestrator|scheduler)\\.([^.]+)\\.([a-z-]+)\\.v\\d+$");

  /** One node-addressed message: who sent it (node, zone), to which node and zone, which operation. */
  record Sent(String from, String fromZone, String to, String toZone, String operation) {}

  @TempDir static Path dir;
  private EmbeddedCluster cluster;
  private final List<Sent> sent = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() {
    cluster = Await.result(EmbeddedCluster.start(EmbeddedCluster.Options
        .defaults(TestClusters.uniqueName(getClass()), dir.resolve("nodes"))
        .withSettings(Workloads.instances(Map.of("echo", 2)))), Duration.ofSeconds(120));
    Await.result(cluster.awaitFullView(30_000), Duration.ofSeconds(40));
    for (NearflowNode n : cluster.nodes()) {
      n.vertx().eventBus().addOutboundInterceptor(ctx -> {
        Matcher m = NODE_ADDRESS.matcher(ctx.message().address());
        if (m.matches()) {
          String to = m.group(2);
          String toZone = n.view().snapshot().node(to).map(d -> d.zone()).orElse("?");
          sent.add(new Sent(n.config().nodeId(), n.config().zone(), to, toZone, m.group(1) + "." + m.group(3)));
        }
        ctx.next();
      });
    }
    Workloads.register(cluster.node("edge1-a"), """
        name: local4
        steps:
          - {name: s1, type: echo, placement: {zones: [edge1]}}
          - {name: s2, type: echo, placement: {zones: [edge1]}}
          - {name: s3, type: echo, placement: {zones: [edge1]}}
          - {name: s4, type: echo, placement: {zones: [edge1]}}
        """);
    Workloads.register(cluster.node("edge1-a"), """
        name: tocloud
        steps:
          - {name: near, type: echo, placement: {zones: [edge1]}}
          - {name: far, type: echo, placement: {zones: [cloud1]}}
        """);
  }

  @AfterAll
  void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @BeforeEach
  void clear() {
    sent.clear();
  }

  private String schedulerOf(String zone) {
    NearflowNode any = cluster.node("edge1-a");
    return ZoneSchedulers.of(any.view().snapshot(), any.config().topology()).schedulerOf(zone).orElseThrow();
  }

  private List<JsonObject> runAll(String workflow, NearflowNode dataHost, int runs, long seed) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      DataUnit in = Workloads.put(dataHost, dir.resolve("scratch"), 4_000, seed + i);
      ids.add(Await.result(Workloads.start(dataHost, workflow, in), Duration.ofSeconds(20)).getString("runId"));
    }
    return Workloads.awaitEnded(dataHost, ids, Duration.ofSeconds(60));
  }

  private static List<JsonObject> hops(JsonObject run) {
    return run.getJsonArray("hops").stream().map(o -> (JsonObject) o).toList();
  }

  @Test
  void an_edge_local_run_is_coordinated_dispatched_and_finished_without_a_message_leaving_its_zone() {
    List<JsonObject> runs = runAll("local4", cluster.node("edge1-a"), 3, 100);
    assertThat(runs).allSatisfy(r -> assertThat(r.getString("state")).as(r.encode()).isEqualTo("SUCCEEDED"));
    String edgeScheduler = schedulerOf("edge1");
    assertThat(runs).flatMap(ZoneLocalControlTest::hops).hasSize(12).allSatisfy(h -> {
      assertThat(h.getString("instanceZone")).isEqualTo("edge1");
      assertThat(h.getString("orchestratorNodeId")).isEqualTo(edgeScheduler);
    });
    // Queries are not on the hop path: the test's own run reads go to any work-tracker node, which
    // asks the run's home scheduler (scheduler.run) from wherever it is.
    List<Sent> touchingEdge1 = sent.stream().filter(s -> !s.operation().equals("scheduler.run"))
        .filter(s -> s.fromZone().equals("edge1") || s.toZone().equals("edge1")).toList();
    assertThat(touchingEdge1).extracting(Sent::operation).contains("scheduler.start-run", "agent.dispatch",
        "orchestrator.hop-outcome");
    assertThat(touchingEdge1).as("node-addressed messages of an edge1-local run").allSatisfy(s -> {
      assertThat(s.fromZone()).isEqualTo("edge1");
      assertThat(s.toZone()).isEqualTo("edge1");
    });
    assertThat(sent).filteredOn(s -> s.operation().equals("agent.dispatch")).hasSize(12);
    assertThat(runs).allSatisfy(r -> assertThat(r.getString("runId")).as("homed in edge1").endsWith(".edge1"));
    assertThat(sent).as("run changes are applied by edge1's scheduler itself")
        .noneMatch(s -> s.operation().equals("scheduler.run-change"));
  }

  @Test
  void a_hop_that_must_run_in_another_zone_is_handed_to_that_zones_scheduler_once_and_no_slot_stays_booked() {
    List<JsonObject> runs = runAll("tocloud", cluster.node("edge1-b"), 3, 200);
    assertThat(runs).allSatisfy(r -> {
      assertThat(r.getString("state")).as(r.encode()).isEqualTo("SUCCEEDED");
      assertThat(r.getJsonArray("finalOutputs")).hasSize(1);
    });
    String edge = schedulerOf("edge1");
    String cloud = schedulerOf("cloud1");
    assertThat(runs).flatMap(ZoneLocalControlTest::hops).filteredOn(h -> h.getString("step").equals("far"))
        .hasSize(3).allSatisfy(h -> {
          assertThat(h.getString("instanceZone")).isEqualTo("cloud1");
          assertThat(h.getString("orchestratorNodeId")).as("the far hop is owned by cloud1's scheduler").isEqualTo(cloud);
        });
    assertThat(sent).filteredOn(s -> s.operation().equals("scheduler.hand-off"))
        .hasSize(3).allSatisfy(s -> {
          assertThat(s.from()).isEqualTo(edge);
          assertThat(s.to()).isEqualTo(cloud);
        });
    assertThat(sent).as("the far hop's completion reaches the run's home (edge1) in one message per run")
        .filteredOn(s -> s.operation().equals("scheduler.run-change")).hasSize(3).allSatisfy(s -> {
          assertThat(s.from()).isEqualTo(cloud);
          assertThat(s.to()).isEqualTo(edge);
        });
    assertThat(sent).filteredOn(s -> s.operation().equals("agent.dispatch")).allSatisfy(s ->
        assertThat(s.fromZone()).as("each zone's scheduler dispatches only to its own zone").isEqualTo(s.toZone()));

    CapacityView capacity = new CapacityView(Clock.systemUTC(), 5_000, null);
    NearflowNode observer = cluster.node("edge2-a");
    Await.result(capacity.start(observer.vertx()), Duration.ofSeconds(10));
    try {
      Await.until(() -> capacity.summaries().size() == 3 && capacity.instances().size() == 6
              && capacity.instances().stream().allMatch(l -> l.inFlight() == 0), Duration.ofSeconds(15),
          () -> "slots still booked or schedulers missing: " + capacity.summaries());
    } finally {
      capacity.close();
    }
  }
}
