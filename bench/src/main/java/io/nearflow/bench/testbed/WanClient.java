package io.nearflow.bench.testbed;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The measurements on the WAN EMULATION ({@link WanMain} starts this JVM in edge1's namespace: the
 * client is an edge1 user). Three cases on the current design, written to summary.json and
 * report.md: an edge1-local 4-step echo chain with the link delays on and at zero (same relay);
 * shuffle4 with 3 x 1 MiB per edge zone; edge1 cut off (120 s by default) under a steady stream of
 * edge1-local runs and a smaller stream of runs whose last step runs in cloud1, then healed (issue 11's
 * figures: rates before / during the cut, runs SUCCEEDED, duplicate final outputs, slots left booked,
 * outbox drain).
 */

/**
 * The WAN driver's HTTP client for the node APIs (as a user in edge1 would call them: every call has
 * a time-out) and the relay's control socket (delay scale).
 */
final class WanClient {
  final JsonObject plan;
  final Path ctl;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  WanClient(JsonObject plan) {
    this.plan = plan;
    this.ctl = Path.of(plan.getString("controlSocket"));
  }

  String base(String host) {
    return plan.getJsonObject("hosts").getJsonObject(host).getString("http");
  }

  void scale(double f) throws IOException {
    WanEmulation.control(ctl, "scale " + f);
  }

  void registerWorkflow(String host, String yaml) throws Exception {
    send(HttpRequest.newBuilder(URI.create(base(host) + "/api/v1/workflows")).POST(HttpRequest.BodyPublishers.ofString(yaml))
        .header("Content-Type", "application/yaml"), 201, 60);
  }

  String upload(String host, byte[] bytes, int timeoutSec) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base(host) + "/data/v1/units")).POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
        .header("Content-Type", "application/octet-stream"), 201, timeoutSec).getString("id");
  }

  String startRun(String host, String wf, String unit, int timeoutSec) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base(host) + "/api/v1/workflows/" + wf + "/runs"))
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("unitId", unit).encode()))
        .header("Content-Type", "application/json"), 201, timeoutSec).getString("runId");
  }

  JsonObject getRun(String host, String id, int timeoutSec) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base(host) + "/api/v1/runs/" + id)).GET(), 200, timeoutSec);
  }

  JsonObject await(String host, String id, long timeoutMs, long pollMs) throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      JsonObject r = getRun(host, id, 30);
      if (!"RUNNING".equals(r.getString("state"))) {
        return r;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("run " + id + " still RUNNING after " + timeoutMs / 1000 + " s");
      }
      Thread.sleep(pollMs);
    }
  }

  void awaitIdle(String host, long timeoutMs) throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (send(HttpRequest.newBuilder(URI.create(base(host) + "/api/v1/topology")).GET(), 200, 30)
        .getJsonObject("load").getInteger("inFlight") != 0) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("slots still booked " + timeoutMs / 1000 + " s after the last run ended");
      }
      Thread.sleep(50);
    }
  }

  JsonObject send(HttpRequest.Builder b, int expected, int timeoutSec) throws Exception {
    HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(timeoutSec)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != expected) {
      String body = r.body() == null ? "" : r.body();
      throw new IOException(r.request().method() + " " + r.uri().getPath().replaceAll("/[0-9a-f-]{36}", "/<id>") + " -> "
          + r.statusCode() + ": " + (body.length() > 100 ? body.substring(0, 100) : body));
    }
    return new JsonObject(r.body());
  }
}
