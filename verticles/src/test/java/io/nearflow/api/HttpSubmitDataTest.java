package io.nearflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.data.Checksums;
import io.nearflow.data.DataUnit;
import io.nearflow.node.EmbeddedCluster;
import io.nearflow.testing.Await;
import io.nearflow.testing.Workloads;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Data entering a workflow over HTTP: uploads to a zone or host, registered units, and refusals. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpSubmitDataTest {
  @TempDir static Path dir;
  private EmbeddedCluster cluster;
  private Vertx client;
  private HttpCalls api;

  @BeforeAll
  void start() {
    cluster = ApiClusters.start(getClass(), dir.resolve("nodes"));
    client = Vertx.vertx();
    api = new HttpCalls(client, cluster.node("edge1-a"));
    assertThat(api.post("/api/v1/workflows", Buffer.buffer(ApiClusters.ECHO)).status()).isEqualTo(201);
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

  private static byte[] bytes(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void an_upload_to_a_zone_is_stored_on_a_host_of_that_zone_and_its_run_succeeds() {
    byte[] data = bytes(300_000, 1);
    HttpCalls.Answer started = api.send(HttpMethod.POST, "/api/v1/workflows/echo1/runs?zone=edge2", Buffer.buffer(data),
        r -> r.putHeader("content-type", "application/octet-stream")
            .putHeader("X-Nearflow-Checksum", Checksums.sha256(data)));
    assertThat(started.status()).as(started.raw().bodyAsString()).isEqualTo(201);
    assertThat(started.raw().getHeader("location")).isEqualTo("/api/v1/runs/" + started.json().getString("runId"));
    DataUnit input = DataUnit.fromJson(started.json().getJsonObject("input"));
    assertThat(input.locality().zone()).isEqualTo("edge2");
    assertThat(input.locality().host()).isEqualTo("edge2-a");
    assertThat(input.sizeBytes()).isEqualTo(data.length);
    assertThat(input.checksum()).isEqualTo(Checksums.sha256(data));

    JsonObject run = api.awaitEnded(started.json().getString("runId"), Duration.ofSeconds(60));
    assertThat(run.getString("state")).as(run.encodePrettily()).isEqualTo("SUCCEEDED");
    JsonObject unit = api.get("/api/v1/data/" + input.id()).json();
    assertThat(unit.getJsonObject("unit").getString("id")).isEqualTo(input.id());
    assertThat(unit.getJsonArray("copies")).isNotEmpty();
  }

  @Test
  void a_chunked_upload_naming_a_host_streams_from_disk_to_that_host() throws Exception {
    Path file = dir.resolve("three-mib.bin");
    byte[] data = bytes(3 << 20, 2);
    Files.write(file, data);
    var body = Await.result(client.fileSystem().open(file.toString(), new OpenOptions().setRead(true)), Duration.ofSeconds(5));
    var resp = Await.result(io.vertx.ext.web.client.WebClient.create(client)
        .post(cluster.node("edge1-a").httpPort(), "127.0.0.1", "/api/v1/workflows/echo1/runs?host=cloud1-a")
        .putHeader("content-type", "application/octet-stream").timeout(60_000).sendStream(body), Duration.ofSeconds(70));
    assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(201);
    DataUnit input = DataUnit.fromJson(resp.bodyAsJsonObject().getJsonObject("input"));
    assertThat(input.locality().host()).isEqualTo("cloud1-a");
    assertThat(input.sizeBytes()).isEqualTo(data.length);
    assertThat(input.checksum()).isEqualTo(Checksums.sha256(data));
  }

  @Test
  void a_unit_an_adapter_already_holds_starts_a_run_from_a_json_body() {
    DataUnit held = Workloads.put(cluster.node("edge2-a"), dir.resolve("scratch"), 10_000, 3);
    HttpCalls.Answer started = api.send(HttpMethod.POST, "/api/v1/workflows/echo1/runs",
        new JsonObject().put("unitId", held.id()).toBuffer(), r -> r.putHeader("content-type", "application/json"));
    assertThat(started.status()).as(started.raw().bodyAsString()).isEqualTo(201);
    assertThat(started.json().getJsonObject("input").getString("id")).isEqualTo(held.id());
    assertThat(api.awaitEnded(started.json().getString("runId"), Duration.ofSeconds(60)).getString("state"))
        .isEqualTo("SUCCEEDED");
  }

  @Test
  void an_unknown_unit_answers_404_and_a_json_body_without_unit_id_answers_400() {
    HttpCalls.Answer unknown = api.send(HttpMethod.POST, "/api/v1/workflows/echo1/runs",
        new JsonObject().put("unitId", "no-such-unit").toBuffer(), r -> r.putHeader("content-type", "application/json"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.error()).contains("no data unit 'no-such-unit'");
    HttpCalls.Answer empty = api.send(HttpMethod.POST, "/api/v1/workflows/echo1/runs", Buffer.buffer("{}"),
        r -> r.putHeader("content-type", "application/json"));
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.error()).contains("unitId").contains("application/octet-stream");
  }

  @Test
  void an_upload_without_a_place_or_to_an_unknown_one_answers_400_listing_zones_and_adapter_hosts() {
    HttpCalls.Answer nowhere = api.post("/api/v1/workflows/echo1/runs", Buffer.buffer("abc"));
    assertThat(nowhere.status()).isEqualTo(400);
    assertThat(nowhere.json().getInteger("status")).isEqualTo(400);
    assertThat(nowhere.error()).contains("zone").contains("edge1: edge1-a").contains("cloud1: cloud1-a");
    HttpCalls.Answer badZone = api.post("/api/v1/workflows/echo1/runs?zone=mars", Buffer.buffer("abc"));
    assertThat(badZone.status()).isEqualTo(400);
    assertThat(badZone.error()).startsWith("unknown zone 'mars'").contains("zones: edge1, edge2, cloud1");
    HttpCalls.Answer badHost = api.post("/api/v1/workflows/echo1/runs?zone=edge1&host=cloud1-a", Buffer.buffer("abc"));
    assertThat(badHost.status()).isEqualTo(400);
    assertThat(badHost.error()).contains("'cloud1-a' is not a host with the adapter role in zone edge1");
  }

  @Test
  void an_upload_to_an_unknown_workflow_answers_404_before_the_body_is_read() {
    HttpCalls.Answer a = api.post("/api/v1/workflows/nope/runs?zone=edge1", Buffer.buffer(bytes(50_000, 4)));
    assertThat(a.status()).isEqualTo(404);
    assertThat(a.error()).contains("no workflow 'nope'");
  }

  @Test
  void an_upload_to_the_api_nodes_own_host_goes_straight_into_its_store_and_is_checked_the_same() {
    byte[] data = bytes(70_000, 5);
    HttpCalls.Answer local = api.send(HttpMethod.POST, "/api/v1/workflows/echo1/runs?host=edge1-a", Buffer.buffer(data),
        r -> r.putHeader("X-Nearflow-Checksum", Checksums.sha256(data)).putHeader("X-Nearflow-Unit-Id", "local-upload-1"));
    assertThat(local.status()).as(local.raw().bodyAsString()).isEqualTo(201);
    assertThat(local.json().getJsonObject("input").getString("id")).isEqualTo("local-upload-1");
    assertThat(local.json().getJsonObject("input").getJsonObject("locality").getString("host")).isEqualTo("edge1-a");
    assertThat(api.awaitEnded(local.json().getString("runId"), Duration.ofSeconds(60)).getString("state"))
        .isEqualTo("SUCCEEDED");
  }

  @Test
  void bytes_that_do_not_match_the_announced_checksum_answer_422_on_this_host_and_on_another() {
    for (String zone : new String[] {"edge1", "cloud1"}) {
      HttpCalls.Answer a = api.send(HttpMethod.POST, "/api/v1/workflows/echo1/runs?zone=" + zone, Buffer.buffer("hello"),
          r -> r.putHeader("X-Nearflow-Checksum", Checksums.sha256("other".getBytes())));
      assertThat(a.status()).as(zone + ": " + a.raw().bodyAsString()).isEqualTo(422);
      assertThat(a.error()).contains("the sender announced sha256:");
    }
  }

  @Test
  void an_announced_length_over_the_limit_answers_413_before_a_byte_is_sent() throws Exception {
    // A raw socket: the client sends headers only and waits, as curl does with Expect: 100-continue.
    try (Socket socket = new Socket("127.0.0.1", cluster.node("edge1-a").httpPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("POST /api/v1/workflows/echo1/runs?zone=edge1 HTTP/1.1\r\nHost: test\r\n"
          + "Content-Type: application/octet-stream\r\nContent-Length: " + (ApiOptions.defaults().maxUploadBytes() + 1)
          + "\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      assertThat(in.readLine()).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
      int length = 0;
      for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      char[] body = new char[length];
      assertThat(in.read(body)).isEqualTo(length);
      JsonObject error = new JsonObject(new String(body));
      assertThat(error.getInteger("status")).isEqualTo(413);
      assertThat(error.getString("error")).contains("this API accepts at most");
    }
  }
}
