package io.nearflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.node.EmbeddedCluster;
import io.nearflow.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API's workflows, runs, hops, topology and health, and its JSON errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpApiTest {
  @TempDir static Path dir;
  private EmbeddedCluster cluster;
  private Vertx client;
  private HttpCalls api;

  @BeforeAll
  void start() {
    cluster = ApiClusters.start(getClass(), dir.resolve("nodes"));
    client = Vertx.vertx();
    api = new HttpCalls(client, cluster.node("edge2-a"));
    for (String wf : new String[] {ApiClusters.ECHO, ApiClusters.HOLD, ApiClusters.BROKEN}) {
      assertThat(api.post("/api/v1/workflows", Buffer.buffer(wf)).status()).isEqualTo(201);
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (client != null) {
      Await.result(client.close(), Duration.ofSeconds(10));
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private int sleepSlotsBooked() {
    return api.get("/api/v1/topology").json().getJsonArray("instances").stream().map(JsonObject.class::cast)
        .filter(i -> i.getString("stepType").equals("sleep")).mapToInt(i -> i.getInteger("inFlight")).sum();
  }

  private String startRun(String workflow) {
    HttpCalls.Answer a = api.post("/api/v1/workflows/" + workflow + "/runs?zone=edge1", Buffer.buffer("some data"));
    assertThat(a.status()).as(a.raw().bodyAsString()).isEqualTo(201);
    return a.json().getString("runId");
  }

  @Test
  void a_registered_workflow_reads_back_by_name_and_version_and_is_listed_until_deleted() {
    HttpCalls.Answer reg = api.post("/api/v1/workflows?source=temp.yaml",
        Buffer.buffer(ApiClusters.ECHO.replace("echo1", "temp")));
    assertThat(reg.status()).isEqualTo(201);
    int version = reg.json().getInteger("version");
    assertThat(reg.raw().getHeader("location")).isEqualTo("/api/v1/workflows/temp?version=" + version);
    assertThat(api.get("/api/v1/workflows/temp?version=" + version).json().getJsonArray("steps")).hasSize(1);
    assertThat(api.get("/api/v1/workflows").json().getJsonArray("workflows").stream()
        .map(w -> ((JsonObject) w).getString("name"))).contains("temp", "echo1");
    assertThat(api.delete("/api/v1/workflows/temp").json().getString("deleted")).isEqualTo("temp");
    HttpCalls.Answer gone = api.get("/api/v1/workflows/temp");
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json()).isEqualTo(new JsonObject().put("error", "no workflow 'temp'").put("status", 404));
  }

  @Test
  void an_invalid_workflow_file_answers_400_with_what_to_fix() {
    HttpCalls.Answer bad = api.post("/api/v1/workflows?source=bad.yaml", Buffer.buffer("name: bad\nsteps: []\n"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.error()).contains("bad.yaml").doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(api.post("/api/v1/workflows", Buffer.buffer("  ")).error()).contains("send the workflow file");
    assertThat(api.get("/api/v1/workflows/echo1?version=x").error())
        .isEqualTo("query parameter 'version' must be a whole number from 0 to 2147483647, was 'x'");
  }

  @Test
  void a_body_over_the_json_limit_answers_413_as_json() {
    HttpCalls.Answer big = api.post("/api/v1/workflows", Buffer.buffer(new byte[(1 << 20) + 10]));
    assertThat(big.status()).isEqualTo(413);
    assertThat(big.error()).contains("larger than the 1048576 bytes");
  }

  @Test
  void a_run_reads_back_with_hops_and_their_durations_and_a_hop_by_its_id() {
    JsonObject run = api.awaitEnded(startRun("echo1"), Duration.ofSeconds(60));
    assertThat(run.getString("state")).isEqualTo("SUCCEEDED");
    JsonObject hop = run.getJsonArray("hops").getJsonObject(0);
    assertThat(hop.getJsonObject("durationsMs").fieldNames())
        .contains("total", "data", "pull", "compute", "push", "control", "queued");
    assertThat(hop.getJsonObject("durationsMs").getDouble("total")).isPositive();
    assertThat(api.get("/api/v1/hops/" + hop.getString("hopId")).json().getString("step")).isEqualTo("copy");
  }

  @Test
  void runs_are_listed_by_workflow_and_state_and_an_unknown_state_is_refused() {
    String runId = startRun("echo1");
    api.awaitEnded(runId, Duration.ofSeconds(60));
    JsonObject listed = api.get("/api/v1/runs?workflow=echo1&state=succeeded&limit=500").json();
    assertThat(listed.getJsonArray("runs").stream().map(r -> ((JsonObject) r).getString("runId"))).contains(runId);
    assertThat(listed.getJsonArray("runs").stream().map(r -> ((JsonObject) r).getString("workflow"))).containsOnly("echo1");
    assertThat(api.get("/api/v1/runs?state=DONE").error()).contains("RUNNING, SUCCEEDED, FAILED, CANCELLED");
    assertThat(api.get("/api/v1/runs?limit=0").status()).isEqualTo(400);
  }

  @Test
  void cancel_ends_a_running_run_and_only_a_failed_run_can_be_retried() {
    String held = startRun("hold");
    io.nearflow.testing.Await.until(() -> sleepSlotsBooked() == 1, Duration.ofSeconds(8),
        () -> "the held hop never booked its sleep slot");
    HttpCalls.Answer cancelled = api.post("/api/v1/runs/" + held + "/cancel", null);
    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.json().getString("state")).isEqualTo("CANCELLED");
    // The hop's 20 s sleep is stopped, and its slot freed once it has: well before the sleep's end.
    io.nearflow.testing.Await.until(() -> sleepSlotsBooked() == 0, Duration.ofSeconds(8),
        () -> "a sleep slot is still booked after the cancel");
    HttpCalls.Answer notFailed = api.post("/api/v1/runs/" + held + "/retry", null);
    assertThat(notFailed.status()).isEqualTo(409);
    assertThat(notFailed.error()).contains("only FAILED runs can be retried");

    String broken = startRun("broken");
    assertThat(api.awaitEnded(broken, Duration.ofSeconds(60)).getString("failureReason")).contains("boom");
    HttpCalls.Answer retried = api.post("/api/v1/runs/" + broken + "/retry", null);
    assertThat(retried.status()).isEqualTo(200);
    assertThat(retried.json().getString("state")).isEqualTo("RUNNING");
    assertThat(api.awaitEnded(broken, Duration.ofSeconds(60)).getString("state")).isEqualTo("FAILED");
  }

  @Test
  void unknown_runs_hops_and_units_answer_404_json() {
    assertThat(api.get("/api/v1/runs/nope").json()).isEqualTo(new JsonObject().put("error", "no run nope").put("status", 404));
    assertThat(api.post("/api/v1/runs/nope/cancel", null).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/hops/nope").status()).isEqualTo(404);
    assertThat(api.get("/api/v1/data/nope").error()).isEqualTo("no data unit 'nope' is registered with the data master");
    HttpCalls.Answer path = api.send(HttpMethod.PUT, "/api/v1/runs", null, r -> r);
    assertThat(path.status()).isEqualTo(404);
    assertThat(path.error()).startsWith("no such API path: PUT /api/v1/runs");
  }

  @Test
  void the_topology_lists_every_step_instance_with_its_load_per_host() {
    // Load comes from the zone schedulers' capacity summaries (sent on change and every second),
    // so a cluster that just started lists its instances within a heartbeat or two.
    JsonObject[] seen = new JsonObject[1];
    io.nearflow.testing.Await.until(() -> {
      seen[0] = api.get("/api/v1/topology").json();
      return seen[0].getJsonArray("instances").size() == 12; // 4 step types on each of 3 hosts
    }, java.time.Duration.ofSeconds(10), () -> "instances listed: " + seen[0].getJsonArray("instances"));
    JsonObject t = seen[0];
    assertThat(t.getJsonArray("zones").getList()).containsExactly("edge1", "edge2", "cloud1");
    assertThat(t.getJsonArray("nodes")).hasSize(3);
    assertThat(t.getJsonObject("schedulers").getMap()).as("each zone is scheduled by its own node")
        .containsEntry("edge1", "edge1-a").containsEntry("edge2", "edge2-a").containsEntry("cloud1", "cloud1-a");
    JsonObject edge1 = t.getJsonArray("hosts").getJsonObject(0);
    assertThat(edge1.getString("host")).isEqualTo("edge1-a");
    JsonObject shuffle = edge1.getJsonArray("instances").stream().map(JsonObject.class::cast)
        .filter(i -> i.getString("stepType").equals("shuffle")).findFirst().orElseThrow();
    assertThat(shuffle.getInteger("slots")).isEqualTo(3);
    assertThat(shuffle.getInteger("inFlight") + shuffle.getInteger("free")).isEqualTo(3);
    assertThat(t.getJsonObject("load").getInteger("slots")).isEqualTo(3 * (3 + 3 + 3 + 1));
  }

  @Test
  void health_is_up_with_every_component_role_counted() {
    HttpCalls.Answer h = api.get("/api/v1/health");
    assertThat(h.status()).isEqualTo(200);
    assertThat(h.json().getString("status")).isEqualTo("UP");
    assertThat(h.json().getJsonObject("roles").getInteger("orchestrator")).isEqualTo(3);
    assertThat(h.json().getJsonArray("missing")).isEmpty();
  }
}
