package io.nearflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.node.EmbeddedCluster;
import io.nearflow.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** GET /runs a page at a time: each run once, newest first, while runs are being added. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunPagingTest {
  private static final String[] ZONES = {"edge1", "edge2", "cloud1"};
  @TempDir static Path dir;
  private EmbeddedCluster cluster;
  private Vertx client;
  private HttpCalls api;

  @BeforeAll
  void start() {
    cluster = ApiClusters.start(getClass(), dir.resolve("nodes"));
    client = Vertx.vertx();
    api = new HttpCalls(client, cluster.node("edge2-a"));
    assertThat(api.post("/api/v1/workflows", Buffer.buffer(ApiClusters.ECHO.replace("echo1", "paged"))).status())
        .isEqualTo(201);
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

  private String startRun(int n) {
    HttpCalls.Answer a = api.post("/api/v1/workflows/paged/runs?zone=" + ZONES[n % ZONES.length],
        Buffer.buffer("data " + n));
    assertThat(a.status()).as(a.raw().bodyAsString()).isEqualTo(201);
    return a.json().getString("runId");
  }

  private JsonObject page(int limit, String token) {
    HttpCalls.Answer a = api.get("/api/v1/runs?workflow=paged&limit=" + limit
        + (token == null ? "" : "&pageToken=" + token));
    assertThat(a.status()).as(a.raw().bodyAsString()).isEqualTo(200);
    assertThat(a.json().containsKey("unavailable")).as(a.json().encode()).isFalse();
    return a.json();
  }

  @Test
  void paging_with_a_small_limit_yields_every_run_once_newest_first_while_runs_are_added() {
    Set<String> before = new HashSet<>();
    for (int i = 0; i < 17; i++) {
      before.add(startRun(i));
    }
    // Some have ended (their records are in the maps), some may still be held by their scheduler only.
    api.awaitEnded(startRun(17), Duration.ofSeconds(60));
    List<JsonObject> listed = new ArrayList<>();
    List<String> added = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      JsonObject p = page(4, token);
      JsonArray runs = p.getJsonArray("runs");
      assertThat(runs.size()).isLessThanOrEqualTo(4);
      runs.forEach(r -> listed.add((JsonObject) r));
      token = p.getString("nextPageToken");
      added.add(startRun(100 + pages)); // newer than every page so far: must not shift the next one
      pages++;
    } while (token != null && pages < 50);

    List<String> ids = listed.stream().map(r -> r.getString("runId")).toList();
    assertThat(ids).as("each run once").doesNotHaveDuplicates();
    assertThat(ids).containsAll(before).hasSize(before.size() + 1).doesNotContainAnyElementsOf(added);
    for (int i = 1; i < listed.size(); i++) {
      JsonObject newer = listed.get(i - 1);
      JsonObject older = listed.get(i);
      assertThat(newer.getLong("createdAt") > older.getLong("createdAt")
          || newer.getLong("createdAt").equals(older.getLong("createdAt"))
          && newer.getString("runId").compareTo(older.getString("runId")) > 0)
          .as("%s listed before %s", newer.getString("runId"), older.getString("runId")).isTrue();
    }
    assertThat(pages).isGreaterThanOrEqualTo(5);

    // A new listing from the first page starts with the runs added meanwhile, newest first.
    List<String> fresh = page(added.size(), null).getJsonArray("runs").stream()
        .map(r -> ((JsonObject) r).getString("runId")).toList();
    List<String> newestFirst = new ArrayList<>(added);
    java.util.Collections.reverse(newestFirst);
    assertThat(fresh).containsExactlyElementsOf(newestFirst);
  }

  @Test
  void a_page_token_the_api_did_not_issue_answers_400_with_what_to_do() {
    HttpCalls.Answer garbage = api.get("/api/v1/runs?pageToken=not-a-token!");
    assertThat(garbage.status()).isEqualTo(400);
    assertThat(garbage.error()).contains("pageToken").contains("nextPageToken of the previous page");
    String forged = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("v1:yesterday:r1".getBytes(StandardCharsets.UTF_8));
    assertThat(api.get("/api/v1/runs?pageToken=" + forged).status()).isEqualTo(400);
    assertThat(api.get("/api/v1/runs?limit=1001").status()).isEqualTo(400);
  }
}
