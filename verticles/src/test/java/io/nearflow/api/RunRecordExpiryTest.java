package io.nearflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.nearflow.config.Settings;
import io.nearflow.node.EmbeddedCluster;
import io.nearflow.testing.Await;
import io.nearflow.worktracker.RecordRetention;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a record retention of a few seconds, an ended run's records leave the cluster maps and its
 * scheduler's memory (the API answers 404 for the run and its hop), while a run that is still
 * running, created before it, stays.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunRecordExpiryTest {
  private static final int RETENTION_S = 5;
  /** Runs far longer than the retention and the sweeps. */
  private static final String LONG_HOLD = "name: longhold\nsteps:\n  - name: wait\n    type: sleep\n    timeout: 3m\n"
      + "    params:\n      ms: \"90000\"\n";
  @TempDir static Path dir;
  private EmbeddedCluster cluster;
  private Vertx client;
  private HttpCalls api;
  private HazelcastInstance hazelcast;

  @BeforeAll
  void start() {
    cluster = ApiClusters.start(getClass(), dir.resolve("nodes"), new Settings()
        .put(RecordRetention.SECONDS, String.valueOf(RETENTION_S), "test")
        .put(RecordRetention.SWEEP_SECONDS, "1", "test"));
    client = Vertx.vertx();
    api = new HttpCalls(client, cluster.node("edge1-a"));
    hazelcast = Hazelcast.getHazelcastInstanceByName("nearflow-" + cluster.node("edge1-a").config().nodeId());
    for (String wf : new String[] {ApiClusters.ECHO, LONG_HOLD}) {
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

  private String startRun(String workflow) {
    HttpCalls.Answer a = api.post("/api/v1/workflows/" + workflow + "/runs?zone=edge1", Buffer.buffer("some data"));
    assertThat(a.status()).as(a.raw().bodyAsString()).isEqualTo(201);
    return a.json().getString("runId");
  }

  private boolean listed(String runId) {
    return api.get("/api/v1/runs?limit=1000").json().getJsonArray("runs").stream()
        .anyMatch(r -> ((JsonObject) r).getString("runId").equals(runId));
  }

  @Test
  void an_ended_runs_records_expire_after_the_retention_while_an_older_running_run_stays() {
    String running = startRun("longhold");
    JsonObject ended = api.awaitEnded(startRun("echo1"), Duration.ofSeconds(60));
    String endedId = ended.getString("runId");
    String hopId = ended.getJsonArray("hops").getJsonObject(0).getString("hopId");

    Await.until(() -> api.get("/api/v1/runs/" + endedId).status() == 404
            && api.get("/api/v1/hops/" + hopId).status() == 404,
        Duration.ofSeconds(RETENTION_S + 30), () -> "run " + endedId + " or its hop " + hopId + " still answers");
    assertThat(hazelcast.getMap("nearflow.runs").containsKey(endedId)).isFalse();
    assertThat(hazelcast.getMap("nearflow.hops").containsKey(hopId)).isFalse();
    assertThat(listed(endedId)).isFalse();

    JsonObject stillRunning = api.get("/api/v1/runs/" + running).json();
    assertThat(stillRunning.getString("state")).isEqualTo("RUNNING");
    assertThat(stillRunning.getLong("createdAt")).isLessThan(ended.getLong("createdAt"));
    assertThat(hazelcast.getMap("nearflow.runs").containsKey(running)).isTrue();
    assertThat(listed(running)).isTrue();
    assertThat(api.post("/api/v1/runs/" + running + "/cancel", null).status()).isEqualTo(200);
  }
}
