package io.nearflow.failure;

import static io.nearflow.testing.JvmCluster.agentHost;
import static io.nearflow.testing.JvmCluster.instances;
import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.testing.ApiClient;
import io.nearflow.testing.Await;
import io.nearflow.testing.JvmCluster;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6: with two orchestrators running, SIGKILL the zone scheduler in the middle of 200 runs;
 * every run still succeeds with exactly one final output.
 *
 * <p>Layout: the control node (cloud1-ctl, in this JVM: orchestrator, work tracker, data master,
 * distance, api, adapter), a second orchestrator in its own JVM (cloud1-a-orch: orchestrator, work
 * tracker, api, adapter; the victim) and two agent hosts, edge1-a and edge2-a, with a 4-slot
 * {@code sleep} instance each. The victim has the smallest node id, so it is the scheduler of
 * every zone (the edge zones have no orchestrator of their own) and owns every hop; the control
 * node is its standby. The kill comes once the victim owns unfinished hops. The survivor must
 * adopt them, and learn from the agents which slots the victim's hops still hold.
 *
 * <p>Printed ({@code FAILOVER:}): from the kill to the first and the last of the victim's hops
 * being taken over (the adopted record's {@code queuedAt}) and routed again.
 */
class OrchestratorKillTest {
  /** Sorts before cloud1-ctl, so it is the zone scheduler (of cloud1, and of the edge zones, which have no orchestrator). */
  private static final String VICTIM = "cloud1-a-orch";
  private static final String WORKFLOW = "kill-orch";
  private static final int INPUTS = 200;
  private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");
  private static final String YAML = """
      name: kill-orch
      steps:
        - name: first
          type: sleep
          params: {ms: "150"}
          retry: {maxAttempts: 5, backoff: 100ms, maxBackoff: 1s}
        - name: second
          type: sleep
          params: {ms: "150"}
          retry: {maxAttempts: 5, backoff: 100ms, maxBackoff: 1s}
      """;

  @TempDir Path dir;
  private JvmCluster cluster;
  private ApiClient api;
  private ApiClient victimApi;

  @AfterEach
  void stop() {
    if (victimApi != null) {
      victimApi.close();
    }
    if (api != null) {
      api.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void killing_one_of_two_orchestrators_mid_run_loses_no_run_and_duplicates_no_output() {
    cluster = JvmCluster.start(getClass(), dir, JvmCluster.controlNode("cloud1", "cloud1-ctl", Map.of()), List.of(
        new JvmCluster.NodePlan("cloud1", VICTIM, "orchestrator,work-tracker,api,adapter", Map.of()),
        agentHost("edge1", "edge1-a", instances("sleep", 4)),
        agentHost("edge2", "edge2-a", instances("sleep", 4))), Duration.ofSeconds(90));
    api = new ApiClient(cluster.controlApi());
    victimApi = new ApiClient(cluster.api(VICTIM));
    victimApi.registerWorkflow(YAML);
    List<String> runIds = Await.result(victimApi.submitMany(WORKFLOW, List.of("edge1-a", "edge2-a"), INPUTS, 1024,
        7_000, 6), Duration.ofSeconds(90));

    // Unfinished hops owned by the victim, read through the survivor's API.
    Map<String, String> owned = new HashMap<>();
    FailureChecks.pollUntil(() -> {
      owned.clear();
      List<String> running = api.runs(WORKFLOW, "RUNNING").stream().map(r -> r.getString("runId")).toList();
      for (JsonObject run : api.runsWithHops(running, 8).values()) {
        for (JsonObject h : ApiClient.hops(run)) {
          if (VICTIM.equals(h.getString("orchestratorNodeId")) && !TERMINAL.contains(h.getString("state"))) {
            owned.put(h.getString("hopId"), h.getString("state"));
          }
        }
      }
      return owned.size() >= 3;
    }, Duration.ofSeconds(30), 20, () -> VICTIM + " never owned 3 unfinished hops: " + owned);

    long killedAt = cluster.kill(VICTIM);
    Map<String, Long> adoptedAt = new HashMap<>();
    Map<String, Long> reroutedAt = new HashMap<>();
    Map<String, String> endedUnderVictim = new HashMap<>();
    FailureChecks.pollUntil(() -> {
      for (String hopId : owned.keySet()) {
        if (reroutedAt.containsKey(hopId) || endedUnderVictim.containsKey(hopId)) {
          continue;
        }
        JsonObject h = api.hop(hopId);
        if (VICTIM.equals(h.getString("orchestratorNodeId"))) {
          if (TERMINAL.contains(h.getString("state"))) {
            endedUnderVictim.put(hopId, h.getString("state")); // finished before the kill took effect
          }
          continue;
        }
        adoptedAt.putIfAbsent(hopId, h.getLong("queuedAt", 0L) / 1000);
        if (FailureChecks.routedAtMs(h) >= killedAt) {
          reroutedAt.put(hopId, FailureChecks.routedAtMs(h));
        } else if (TERMINAL.contains(h.getString("state"))) {
          reroutedAt.put(hopId, h.getLong("completedAt", 0L) / 1000);
        }
      }
      return reroutedAt.size() + endedUnderVictim.size() == owned.size();
    }, Duration.ofSeconds(60), 25, () -> "hops of the killed orchestrator " + owned + " not all taken over; adopted "
        + adoptedAt.keySet() + ", routed again " + reroutedAt.keySet() + ", ended under the victim " + endedUnderVictim
        + "\n" + cluster.logs(20));

    long firstAdopted = adoptedAt.values().stream().mapToLong(t -> t - killedAt).min().orElse(-1);
    long lastAdopted = adoptedAt.values().stream().mapToLong(t -> t - killedAt).max().orElse(-1);
    long firstRouted = reroutedAt.values().stream().mapToLong(t -> t - killedAt).min().orElse(-1);
    System.err.printf("FAILOVER: orchestrator %s SIGKILLed owning %d unfinished hops: first taken over after %d ms, "
            + "last after %d ms; first routed again after %d ms (%d ended under the victim before it died)%n",
        VICTIM, owned.size(), firstAdopted, lastAdopted, firstRouted, endedUnderVictim.size());

    List<JsonObject> runs = api.awaitEnded(WORKFLOW, runIds, Duration.ofSeconds(90));
    FailureChecks.everyRunSucceededWithExactlyOneFinalOutput(runs, INPUTS, "200 runs with orchestrator " + VICTIM
        + " killed");
    for (JsonObject run : runs) {
      assertThat(ApiClient.hops(run)).as("hops of %s", ApiClient.summary(run)).hasSize(2)
          .allSatisfy(h -> assertThat(h.getString("state")).isEqualTo("SUCCEEDED"));
    }
    assertThat(endedUnderVictim.values()).as("hops the victim owned that ended before it died").allMatch("SUCCEEDED"::equals);
    assertThat(adoptedAt).as("unfinished hops of %s (%s) were taken over by the survivor", VICTIM, owned).isNotEmpty();
  }
}
