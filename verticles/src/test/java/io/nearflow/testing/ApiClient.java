package io.nearflow.testing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A user of the public HTTP API ({@code /api/v1}) of one node, from the test JVM: its own plain
 * (non-clustered) Vert.x and a WebClient. Blocking helpers wait with deadlines; the async ones
 * return futures so a test can submit many runs at once. An unexpected status or a transport
 * error is an {@link ApiException}, so polling code can treat it as "not yet".
 */
public final class ApiClient implements AutoCloseable {
  private static final Duration CALL = Duration.ofSeconds(40);

  /** The API answered something unexpected, or did not answer. */
  public static final class ApiException extends RuntimeException {
    public ApiException(String message) {
      super(message);
    }
  }

  public record Answer(int status, String body) {
    public JsonObject json() {
      return body == null || body.isBlank() ? new JsonObject() : new JsonObject(body);
    }
  }

  private final Vertx vertx;
  private final WebClient web;
  private final String host;
  private final int port;
  private final String base;

  /** @param apiBase e.g. {@code http://127.0.0.1:8080/api/v1} */
  public ApiClient(String apiBase) {
    URI uri = URI.create(apiBase);
    this.vertx = Vertx.vertx();
    this.web = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(16));
    this.host = uri.getHost();
    this.port = uri.getPort();
    this.base = uri.getPath().replaceAll("/+$", "");
  }

  public String base() {
    return "http://" + host + ":" + port + base;
  }

  // ---- raw ------------------------------------------------------------------------------------

  public Future<Answer> request(HttpMethod method, String path, Buffer body, String contentType) {
    HttpRequest<Buffer> req = web.request(method, port, host, base + path).timeout(30_000);
    if (contentType != null) {
      req.putHeader("content-type", contentType);
    }
    return (body == null ? req.send() : req.sendBuffer(body))
        .map(r -> new Answer(r.statusCode(), r.bodyAsString()));
  }

  public Answer call(HttpMethod method, String path, Buffer body, String contentType) {
    try {
      return Await.result(request(method, path, body, contentType), CALL);
    } catch (AssertionError e) {
      throw new ApiException(method + " " + path + ": " + e.getMessage());
    }
  }

  private JsonObject expect(int status, HttpMethod method, String path, Answer a) {
    if (a.status() != status) {
      throw new ApiException(method + " " + base + path + " answered " + a.status() + " (expected " + status + "): "
          + a.body());
    }
    return a.json();
  }

  // ---- workflows and runs ---------------------------------------------------------------------

  public JsonObject registerWorkflow(String yaml) {
    String path = "/workflows?source=test.yaml";
    return expect(201, HttpMethod.POST, path, call(HttpMethod.POST, path, Buffer.buffer(yaml), "application/yaml"));
  }

  /** Uploads {@code data} to {@code dataHost}'s adapter and starts a run; the run's id. */
  public Future<String> submit(String workflow, String dataHost, byte[] data) {
    String path = "/workflows/" + workflow + "/runs?host=" + dataHost;
    return request(HttpMethod.POST, path, Buffer.buffer(data), "application/octet-stream").compose(a -> {
      if (a.status() != 201) {
        return Future.failedFuture(new ApiException("POST " + path + " answered " + a.status() + ": " + a.body()));
      }
      return Future.succeededFuture(a.json().getString("runId"));
    });
  }

  /**
   * Submits {@code count} runs of {@code size} random bytes each, input {@code i} on
   * {@code dataHosts[i % n]}, at most {@code concurrency} uploads at a time. The run ids in input
   * order; fails on the first refused upload.
   */
  public Future<List<String>> submitMany(String workflow, List<String> dataHosts, int count, int size, long seed,
                                         int concurrency) {
    String[] ids = new String[count];
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int l = 0; l < concurrency; l++) {
      Promise<Void> lane = Promise.promise();
      lanes.add(lane.future());
      vertx.runOnContext(v -> submitNext(workflow, dataHosts, size, seed, ids, next, lane));
    }
    return Future.all(lanes).map(cf -> List.of(ids));
  }

  private void submitNext(String workflow, List<String> dataHosts, int size, long seed, String[] ids,
                          AtomicInteger next, Promise<Void> lane) {
    int i = next.getAndIncrement();
    if (i >= ids.length) {
      lane.tryComplete();
      return;
    }
    submit(workflow, dataHosts.get(i % dataHosts.size()), randomBytes(size, seed + i)).onComplete(ar -> {
      if (ar.failed()) {
        lane.tryFail(ar.cause());
        return;
      }
      ids[i] = ar.result();
      submitNext(workflow, dataHosts, size, seed, ids, next, lane);
    });
  }

  /**
   * Submits {@code count} runs at a steady {@code perSecond} (input {@code i} on
   * {@code dataHosts[i % n]}), as sensors would: the run ids in input order once all are accepted.
   */
  public Future<List<String>> submitPaced(String workflow, List<String> dataHosts, int count, int size, long seed,
                                          double perSecond) {
    List<Future<String>> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int index = i;
      Promise<String> p = Promise.promise();
      all.add(p.future());
      long delayMs = Math.max(1, (long) (index * 1000 / perSecond));
      vertx.setTimer(delayMs, t -> submit(workflow, dataHosts.get(index % dataHosts.size()), randomBytes(size, seed + index))
          .onComplete(p));
    }
    return Future.all(all).map(cf -> all.stream().map(Future::result).toList());
  }

  public static byte[] randomBytes(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** The run with its hops (200), or an {@link ApiException}. */
  public JsonObject run(String runId) {
    String path = "/runs/" + runId;
    return expect(200, HttpMethod.GET, path, call(HttpMethod.GET, path, null, null));
  }

  /** One hop record (200), or an {@link ApiException}. */
  public JsonObject hop(String hopId) {
    String path = "/hops/" + hopId;
    return expect(200, HttpMethod.GET, path, call(HttpMethod.GET, path, null, null));
  }

  public Answer retry(String runId) {
    return call(HttpMethod.POST, "/runs/" + runId + "/retry", null, null);
  }

  /** Run records (without hops), newest first; {@code state} may be null. */
  public List<JsonObject> runs(String workflow, String state) {
    String path = "/runs?limit=1000&workflow=" + workflow + (state == null ? "" : "&state=" + state);
    JsonArray arr = expect(200, HttpMethod.GET, path, call(HttpMethod.GET, path, null, null)).getJsonArray("runs");
    return arr.stream().map(o -> (JsonObject) o).toList();
  }

  public JsonObject topology() {
    return expect(200, HttpMethod.GET, "/topology", call(HttpMethod.GET, "/topology", null, null));
  }

  /** Every run with its hops, fetched {@code concurrency} at a time; fails if any fetch fails. */
  public Map<String, JsonObject> runsWithHops(Collection<String> runIds, int concurrency) {
    List<String> ids = List.copyOf(runIds);
    Map<String, JsonObject> out = Collections.synchronizedMap(new LinkedHashMap<>());
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int l = 0; l < concurrency; l++) {
      Promise<Void> lane = Promise.promise();
      lanes.add(lane.future());
      vertx.runOnContext(v -> fetchNext(ids, next, out, lane));
    }
    try {
      Await.result(Future.all(lanes), Duration.ofSeconds(60 + ids.size() / 10));
    } catch (AssertionError e) {
      throw new ApiException("fetching " + ids.size() + " runs: " + e.getMessage());
    }
    Map<String, JsonObject> ordered = new LinkedHashMap<>();
    ids.forEach(id -> ordered.put(id, out.get(id)));
    return ordered;
  }

  private void fetchNext(List<String> ids, AtomicInteger next, Map<String, JsonObject> out, Promise<Void> lane) {
    int i = next.getAndIncrement();
    if (i >= ids.size()) {
      lane.tryComplete();
      return;
    }
    String path = "/runs/" + ids.get(i);
    request(HttpMethod.GET, path, null, null).onComplete(ar -> {
      if (ar.failed() || ar.result().status() != 200) {
        lane.tryFail(new ApiException("GET " + path + ": " + (ar.failed() ? ar.cause() : ar.result().status() + " "
            + ar.result().body())));
        return;
      }
      out.put(ids.get(i), ar.result().json());
      fetchNext(ids, next, out, lane);
    });
  }

  /**
   * Waits until none of {@code runIds} is RUNNING (polling the run list; API errors while nodes
   * come and go count as "not yet"), then returns every run with its hops, in the given order.
   */
  public List<JsonObject> awaitEnded(String workflow, List<String> runIds, Duration timeout) {
    Set<String> wanted = new HashSet<>(runIds);
    String[] last = {"no answer yet"};
    try {
      Await.until(() -> {
        try {
          List<String> running = runs(workflow, "RUNNING").stream().map(r -> r.getString("runId"))
              .filter(wanted::contains).toList();
          last[0] = running.size() + " of " + runIds.size() + " runs still RUNNING, e.g. " + running.stream().limit(5).toList();
          return running.isEmpty();
        } catch (ApiException e) {
          last[0] = "API error: " + e.getMessage();
          return false;
        }
      }, timeout, () -> last[0]);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + describeStuck(workflow, wanted), e);
    }
    return new ArrayList<>(runsWithHops(runIds, 8).values());
  }

  private String describeStuck(String workflow, Set<String> wanted) {
    try {
      List<String> running = runs(workflow, "RUNNING").stream().map(r -> r.getString("runId")).filter(wanted::contains)
          .limit(5).toList();
      return runsWithHops(running, 4).values().stream().map(ApiClient::summary).collect(Collectors.joining("\n"));
    } catch (RuntimeException e) {
      return "(could not describe the stuck runs: " + e.getMessage() + ")";
    }
  }

  // ---- reading runs ---------------------------------------------------------------------------

  public static List<JsonObject> hops(JsonObject run) {
    return run.getJsonArray("hops", new JsonArray()).stream().map(o -> (JsonObject) o).toList();
  }

  /** One line per run and hop: enough to see what happened without the whole JSON. */
  public static String summary(JsonObject run) {
    StringBuilder b = new StringBuilder("run ").append(run.getString("runId")).append(' ').append(run.getString("state"))
        .append(" outstanding=").append(run.getValue("outstanding")).append(" finalOutputs=")
        .append(run.getJsonArray("finalOutputs", new JsonArray()).size());
    if (!run.getString("failureReason", "").isEmpty()) {
      b.append(" reason=").append(run.getString("failureReason"));
    }
    for (JsonObject h : hops(run)) {
      b.append("\n    hop ").append(h.getString("step")).append(' ').append(h.getString("state")).append(" attempt=")
          .append(h.getValue("attempt")).append(" on=").append(h.getString("instanceId")).append(" orch=")
          .append(h.getString("orchestratorNodeId"));
      if (!h.getString("error", "").isEmpty()) {
        b.append(" error=").append(h.getString("failureKind")).append(": ").append(h.getString("error"));
      }
    }
    return b.toString();
  }

  @Override
  public void close() {
    web.close();
    Await.result(vertx.close(), Duration.ofSeconds(10));
  }
}
