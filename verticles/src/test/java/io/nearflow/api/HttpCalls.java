package io.nearflow.api;

import io.nearflow.node.NearflowNode;
import io.nearflow.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A test's HTTP client of one node's API: blocking calls with deadlines, answers as status + JSON. */
final class HttpCalls {
  private final WebClient web;
  private final int port;

  HttpCalls(Vertx client, NearflowNode node) {
    this.web = WebClient.create(client);
    this.port = node.httpPort();
  }

  record Answer(int status, JsonObject json, HttpResponse<Buffer> raw) {
    String error() {
      return json == null ? null : json.getString("error");
    }
  }

  Answer get(String path) {
    return send(HttpMethod.GET, path, null, r -> r);
  }

  Answer post(String path, Buffer body) {
    return send(HttpMethod.POST, path, body, r -> r);
  }

  Answer delete(String path) {
    return send(HttpMethod.DELETE, path, null, r -> r);
  }

  Answer send(HttpMethod method, String path, Buffer body, UnaryOperator<HttpRequest<Buffer>> setup) {
    HttpRequest<Buffer> req = setup.apply(web.request(method, port, "127.0.0.1", path).timeout(30_000));
    HttpResponse<Buffer> resp = Await.result(body == null ? req.send() : req.sendBuffer(body), Duration.ofSeconds(40));
    JsonObject json = null;
    String type = resp.getHeader("content-type");
    if (type != null && type.startsWith("application/json") && resp.body() != null) {
      json = resp.bodyAsJsonObject();
    }
    return new Answer(resp.statusCode(), json, resp);
  }

  /** Polls GET /runs/{id} until the run is no longer RUNNING; the final run with hops. */
  JsonObject awaitEnded(String runId, Duration timeout) {
    JsonObject[] last = new JsonObject[1];
    io.nearflow.testing.Await.until(() -> {
      last[0] = get("/api/v1/runs/" + runId).json();
      return last[0] != null && !"RUNNING".equals(last[0].getString("state"));
    }, timeout, () -> "run " + runId + " still " + (last[0] == null ? "unknown" : last[0].encode()));
    return last[0];
  }
}
