package io.nearflow.failure;

import static io.nearflow.testing.JvmCluster.agentHost;
import static io.nearflow.testing.JvmCluster.instances;
import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.testing.ApiClient;
import io.nearflow.testing.Await;
import io.nearflow.testing.JvmCluster;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
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
 * Issue 6: a step's own errors. They are retried up to the step's {@code retry.maxAttempts}, then
 * fail the run with the step's message, and the run can be retried through the API once the step
 * works; and they never count against a circuit breaker (the target answered).
 *
 * <p>Layout: the control node (cloud1) and two agent hosts in their own JVMs: edge1-a with a 3-slot
 * {@code fail} instance, edge2-a with another. Inputs are uploaded to edge1-a, so edge1-a's
 * instance is the nearest; edge2-a's is where work would go if edge1-a's breaker opened.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StepErrorsTest {
  private static final String NEAR_INSTANCE = "edge1-a/fail";

  @TempDir static Path dir;
  private JvmCluster cluster;
  private ApiClient api;

  @BeforeAll
  void start() {
    cluster = JvmCluster.start(getClass(), dir.resolve("cluster"), JvmCluster.controlNode("cloud1", "cloud1-ctl", Map.of()),
        List.of(agentHost("edge1", "edge1-a", instances("fail", 3)),
            agentHost("edge2", "edge2-a", instances("fail", 3))), Duration.ofSeconds(90));
    api = new ApiClient(cluster.controlApi());
  }

  @AfterAll
  void stop() {
    if (api != null) {
      api.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void a_step_that_always_fails_fails_its_runs_after_its_attempts_and_api_retry_succeeds_once_it_is_fixed()
      throws Exception {
    // The step fails until its counter reaches a million: "always", until someone fixes it.
    Path counter = dir.resolve("brittle-attempts");
    api.registerWorkflow("""
        name: brittle
        steps:
          - name: parse
            type: fail
            retry: {maxAttempts: 3, backoff: 50ms, maxBackoff: 200ms}
            params: {message: "sensor frame corrupt", failUntilAttempt: "1000000", counterFile: "%s"}
        """.formatted(counter));
    List<String> runIds = Await.result(api.submitMany("brittle", List.of("edge1-a"), 3, 512, 1, 3), Duration.ofSeconds(30));
    List<JsonObject> failed = api.awaitEnded("brittle", runIds, Duration.ofSeconds(60));

    for (JsonObject run : failed) {
      assertThat(run.getString("state")).as(ApiClient.summary(run)).isEqualTo("FAILED");
      assertThat(run.getString("failureReason")).as(ApiClient.summary(run))
          .contains("sensor frame corrupt").contains("after 3 attempts");
      List<JsonObject> hops = ApiClient.hops(run);
      assertThat(hops).as(ApiClient.summary(run)).hasSize(1);
      JsonObject hop = hops.get(0);
      assertThat(hop.getString("state")).isEqualTo("FAILED");
      assertThat(hop.getInteger("attempt")).isEqualTo(3);
      assertThat(hop.getString("failureKind")).isEqualTo("STEP_FAILED");
      assertThat(hop.getString("error")).contains("sensor frame corrupt");
      assertThat(run.getJsonArray("finalOutputs")).isEmpty();
    }
    assertThat(Files.readString(counter).trim()).as("attempts made: exactly 3 per run, no more")
        .isEqualTo(String.valueOf(3 * runIds.size()));

    // Fix the step, then retry every failed run through the API.
    Files.writeString(counter, "999999");
    for (String id : runIds) {
      ApiClient.Answer a = api.retry(id);
      assertThat(a.status()).as("POST /runs/%s/retry: %s", id, a.body()).isEqualTo(200);
    }
    List<JsonObject> retried = api.awaitEnded("brittle", runIds, Duration.ofSeconds(60));
    FailureChecks.everyRunSucceededWithExactlyOneFinalOutput(retried, runIds.size(), "retried runs of the fixed step");
    for (JsonObject run : retried) {
      assertThat(run.getString("failureReason")).as("a succeeded run carries no failure").isEmpty();
      assertThat(ApiClient.hops(run)).hasSize(1).allSatisfy(h -> assertThat(h.getString("state")).isEqualTo("SUCCEEDED"));
    }
    ApiClient.Answer again = api.retry(runIds.get(0));
    assertThat(again.status()).as("retrying a SUCCEEDED run: %s", again.body()).isEqualTo(409);
  }

  @Test
  void a_steps_own_errors_never_open_a_breaker_and_work_keeps_going_to_the_nearest_instance() {
    api.registerWorkflow("""
        name: broken
        steps:
          - name: check
            type: fail
            retry: {maxAttempts: 2, backoff: 20ms, maxBackoff: 50ms}
            params: {message: "reading out of range"}
        """);
    // Two at a time (the near instance has 3 slots), so capacity never pushes work to edge2.
    List<JsonObject> runs = new ArrayList<>();
    for (int batch = 0; batch < 10; batch++) {
      List<String> ids = Await.result(api.submitMany("broken", List.of("edge1-a"), 2, 256, 100L * batch, 2),
          Duration.ofSeconds(30));
      runs.addAll(api.awaitEnded("broken", ids, Duration.ofSeconds(30)));
      JsonObject topology = api.topology();
      JsonArray breakers = FailureChecks.breakers(topology);
      assertThat(breakers).as("GET /topology reports breakers: %s", topology.fieldNames()).isNotNull();
      for (String target : List.of(NEAR_INSTANCE, "zone:edge1")) {
        // Breakers are reported only once they change state, and a closed one can only open:
        // a breaker that never opened is absent (one that opened and closed again reads CLOSED).
        assertThat(FailureChecks.breakersFor(topology, target)).as("transitions of breaker %s after %d STEP_FAILED "
            + "outcomes on it", target, 2 * runs.size()).isEmpty();
      }
    }
    for (JsonObject run : runs) {
      assertThat(run.getString("state")).as(ApiClient.summary(run)).isEqualTo("FAILED");
      assertThat(run.getString("failureReason")).contains("reading out of range");
      JsonObject hop = ApiClient.hops(run).get(0);
      assertThat(hop.getString("failureKind")).isEqualTo("STEP_FAILED");
      assertThat(hop.getInteger("attempt")).isEqualTo(2);
    }
    // Every attempt of every run, to the last one, went to the nearest instance: it was never
    // taken out of routing. (Only the last attempt's instance is recorded; with the breaker open,
    // later runs would have gone to edge2-a.)
    assertThat(runs).extracting(r -> ApiClient.hops(r).get(0).getString("instanceId"))
        .as("instances the hops ran on, in submission order").containsOnly(NEAR_INSTANCE);
  }
}
