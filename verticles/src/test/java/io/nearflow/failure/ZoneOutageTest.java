package io.nearflow.failure;

import static io.nearflow.testing.JvmCluster.agentHost;
import static io.nearflow.testing.JvmCluster.instances;
import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.testing.ApiClient;
import io.nearflow.testing.JvmCluster;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6: a zone stops answering for a while (its agent JVM frozen with SIGSTOP: connections stay
 * open, nothing answers, as when a zone's uplink dies) and comes back (SIGCONT).
 *
 * <p>Layout: the control node in zone edge1 (host edge1-ctl: orchestrator, work tracker, data
 * master, distance, api and the adapter that holds every input; no agent) with
 * {@code orchestrator.dispatchTimeoutMs: 1000}; agent hosts edge1-a and edge1-b (3-slot {@code sleep}
 * instances, both frozen) and edge2-a (4 slots). The data is in edge1, so edge1's hosts get the
 * work while they are healthy; edge2 is the next zone. A feeder submits a run every 200 ms
 * throughout.
 *
 * <p>Expected: after SIGSTOP of both edge1 agent JVMs the orchestrator's breaker for
 * {@code zone:edge1} opens from dispatch timeouts, well before Hazelcast would drop the frozen member (15 s without heartbeat); work runs
 * in edge2 meanwhile; after SIGCONT the breaker closes and edge1 gets work again; every run
 * succeeds with one final output. The stop lasts {@code -Dnearflow.failure.zoneStopMs} (default
 * 8000: shorter than the heartbeat timeout, so the members are never removed; a longer stop
 * makes them leave and the test then also waits for them to rejoin).
 *
 * <p>Printed ({@code FAILOVER:}, before the assertions about breakers so a failing run still
 * reports): SIGSTOP to the zone and instance breakers opening, SIGCONT to each closing, and to the
 * first hop routed to edge1 again.
 */
class ZoneOutageTest {
  private static final List<String> FROZEN = List.of("edge1-a", "edge1-b");
  private static final String ZONE_TARGET = "zone:edge1";
  private static final List<String> TARGETS = List.of(ZONE_TARGET, "edge1-a/sleep", "edge1-b/sleep");
  private static final String WORKFLOW = "zone-work";
  private static final String YAML = """
      name: zone-work
      steps:
        - name: nap
          type: sleep
          params: {ms: "100"}
          timeout: 10s
          retry: {maxAttempts: 8, backoff: 200ms, maxBackoff: 2s}
      """;
  private static final long STOP_MS = Long.getLong("nearflow.failure.zoneStopMs", 8_000);

  @TempDir Path dir;
  private JvmCluster cluster;
  private ApiClient api;
  private Feeder feeder;

  @AfterEach
  void stop() {
    if (feeder != null) {
      feeder.close();
    }
    if (api != null) {
      api.close();
    }
    if (cluster != null) {
      cluster.close(); // SIGKILL ends a stopped JVM too
    }
  }

  @Test
  void a_frozen_zone_opens_its_breaker_work_fails_over_to_the_next_zone_and_returns_when_it_recovers() {
    cluster = JvmCluster.start(getClass(), dir,
        JvmCluster.controlNode("edge1", "edge1-ctl", Map.of("orchestrator.dispatchTimeoutMs", 1000)), List.of(
            agentHost("edge1", "edge1-a", instances("sleep", 3)),
            agentHost("edge1", "edge1-b", instances("sleep", 3)),
            agentHost("edge2", "edge2-a", instances("sleep", 4))), Duration.ofSeconds(90));
    api = new ApiClient(cluster.controlApi());
    api.registerWorkflow(YAML);
    feeder = new Feeder(api, WORKFLOW, "edge1-ctl", 200, 1024);

    // Healthy: the data's zone does the work.
    FailureChecks.pollUntil(() -> api.runs(WORKFLOW, "SUCCEEDED").size() >= 10, Duration.ofSeconds(30), 100,
        () -> "no runs succeeding before the outage\n" + cluster.logs(20));
    List<JsonObject> before = api.runsWithHops(api.runs(WORKFLOW, "SUCCEEDED").stream().map(r -> r.getString("runId"))
        .toList(), 4).values().stream().toList();
    assertThat(FailureChecks.allHops(before)).as("while healthy, work on data in edge1 runs in edge1")
        .allSatisfy(h -> assertThat(h.getString("instanceZone")).isEqualTo("edge1"));

    long stoppedAt = System.currentTimeMillis();
    FROZEN.forEach(h -> cluster.child(h).suspend());
    Map<String, Long> removedAt = new HashMap<>();
    Map<String, Long> openedAt = new HashMap<>();
    // Watch until the stop ends: breakers opening, and whether members are dropped meanwhile.
    FailureChecks.pollUntil(() -> {
      FROZEN.stream().filter(h -> !cluster.inView(h)).forEach(h -> removedAt.putIfAbsent(h, System.currentTimeMillis()));
      JsonObject topology = api.topology();
      for (String target : TARGETS) {
        state(topology, target, "OPEN").ifPresent(b -> openedAt.putIfAbsent(target, b.getLong("since")));
      }
      return System.currentTimeMillis() - stoppedAt >= STOP_MS;
    }, Duration.ofMillis(STOP_MS + 30_000), 100, () -> "stop window did not end");
    long resumedAt = System.currentTimeMillis();
    FROZEN.forEach(h -> cluster.child(h).resume());

    // Back: the members are (again) in the view, every breaker that opened closes, edge1 gets work.
    FailureChecks.pollUntil(() -> FROZEN.stream().allMatch(h -> cluster.node(h).map(n -> !n.endpoints().isEmpty())
        .orElse(false)), Duration.ofSeconds(90), 100, () -> FROZEN + " did not all come back into the view after "
        + "SIGCONT\n" + cluster.logs(30));
    Map<String, Long> closedAt = new HashMap<>();
    FailureChecks.pollUntil(() -> {
      JsonObject topology = api.topology();
      for (String target : openedAt.keySet()) {
        state(topology, target, "CLOSED").filter(b -> b.getLong("since") >= resumedAt)
            .ifPresent(b -> closedAt.putIfAbsent(target, b.getLong("since")));
      }
      return closedAt.keySet().containsAll(openedAt.keySet());
    }, Duration.ofSeconds(45), 100, () -> "breakers that opened did not all close after SIGCONT: opened "
        + openedAt.keySet() + ", closed " + closedAt.keySet() + "; now " + FailureChecks.breakers(api.topology()));
    long allClosedAt = closedAt.values().stream().mapToLong(Long::longValue).max().orElse(resumedAt);
    long[] backInZone = {-1};
    FailureChecks.pollUntil(() -> {
      List<String> recent = api.runs(WORKFLOW, "SUCCEEDED").stream().limit(30).map(r -> r.getString("runId")).toList();
      List<JsonObject> hops = FailureChecks.allHops(List.copyOf(api.runsWithHops(recent, 4).values()));
      backInZone[0] = hops.stream().filter(h -> "edge1".equals(h.getString("instanceZone"))
          && FailureChecks.routedAtMs(h) >= resumedAt).mapToLong(FailureChecks::routedAtMs).min().orElse(-1);
      return hops.stream().filter(h -> "edge1".equals(h.getString("instanceZone"))
          && FailureChecks.routedAtMs(h) >= allClosedAt).count() >= 3;
    }, Duration.ofSeconds(30), 200, () -> "edge1 got no work after its breakers closed");

    feeder.stop();
    assertThat(feeder.refused()).as("submissions refused during the outage").isEmpty();
    List<String> runIds = feeder.runIds();
    List<JsonObject> runs = api.awaitEnded(WORKFLOW, runIds, Duration.ofSeconds(60));
    List<JsonObject> hops = FailureChecks.allHops(runs);
    List<JsonObject> failedOver = hops.stream().filter(h -> "edge2".equals(h.getString("instanceZone"))
        && FailureChecks.routedAtMs(h) >= stoppedAt && FailureChecks.routedAtMs(h) < resumedAt).toList();

    StringBuilder opened = new StringBuilder();
    for (String target : TARGETS) {
      opened.append(target).append(openedAt.containsKey(target) ? " OPEN after " + (openedAt.get(target) - stoppedAt)
          + " ms, CLOSED " + (closedAt.get(target) - resumedAt) + " ms after SIGCONT" : " never OPEN").append("; ");
    }
    System.err.printf("FAILOVER: zone edge1 (%s) SIGSTOPped for %d ms: %sfirst hop in edge2 after %s ms; members %s; "
            + "first hop in edge1 again %d ms after SIGCONT (%d runs, %d hops in edge2 during the outage)%n",
        String.join(", ", FROZEN), STOP_MS, opened,
        failedOver.stream().mapToLong(FailureChecks::routedAtMs).min().stream().map(t -> t - stoppedAt)
            .mapToObj(String::valueOf).findFirst().orElse("(none)"),
        removedAt.isEmpty() ? "never dropped from the view" : "dropped after " + removedAt.values().stream()
            .mapToLong(t -> t - stoppedAt).min().orElseThrow() + " ms",
        backInZone[0] < 0 ? -1 : backInZone[0] - resumedAt, runs.size(), failedOver.size());

    FailureChecks.everyRunSucceededWithExactlyOneFinalOutput(runs, runIds.size(), "runs across the edge1 outage");
    assertThat(failedOver).as("hops routed to the next zone (edge2) during the outage").isNotEmpty();
    assertThat(openedAt).as("breakers seen OPEN during the %d ms stop", STOP_MS).containsKey(ZONE_TARGET);
    long firstRemoved = removedAt.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
    assertThat(openedAt.get(ZONE_TARGET)).as("the zone breaker opened before the cluster dropped a frozen member")
        .isLessThan(firstRemoved);
    assertThat(state(api.topology(), ZONE_TARGET, "OPEN")).as("zone breaker at the end").isEmpty();
  }

  /** The breaker on {@code target} if some orchestrator reports it in {@code state}. */
  private static Optional<JsonObject> state(JsonObject topology, String target, String state) {
    return FailureChecks.breakersFor(topology, target).stream().filter(b -> state.equals(b.getString("state"))).findFirst();
  }
}
