package io.nearflow.api.core;

import io.nearflow.data.DataUnit;
import io.nearflow.protocol.Addresses;
import io.nearflow.protocol.StartRun;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * The API's side of the components' event-bus contracts: one method per operation, each a request
 * with the API's timeout whose failure is already an {@link ApiFailure} (the component's own
 * 400/404/409 with its message; 503 when no node runs the component; 504 on timeout). Both
 * transports call these, so HTTP and gRPC cannot drift apart.
 */
public final class ComponentCalls {
  private static final String ORCHESTRATOR = "the orchestrator";
  private static final String WORK_TRACKER = "the work tracker";
  private static final String DATA_MASTER = "the data master";

  private final Vertx vertx;
  private final DeliveryOptions delivery;
  private final java.util.function.Function<String, String> startRunAddress;

  /** @param startRunAddress the address to start a run whose input is in a zone (its zone scheduler's) */
  public ComponentCalls(Vertx vertx, Duration timeout, java.util.function.Function<String, String> startRunAddress) {
    this.vertx = vertx;
    this.delivery = new DeliveryOptions().setSendTimeout(timeout.toMillis());
    this.startRunAddress = startRunAddress;
  }

  // ---- workflows (orchestrator) ----

  public Future<JsonObject> registerWorkflow(String content, String source) {
    return ask(Addresses.WORKFLOWS, workflows("register").put("content", content).put("source", source), ORCHESTRATOR);
  }

  /** {@code version} 0 = the latest. */
  public Future<JsonObject> workflow(String name, int version) {
    return ask(Addresses.WORKFLOWS, workflows("get").put("name", name).put("version", version), ORCHESTRATOR);
  }

  public Future<JsonObject> workflows() {
    return ask(Addresses.WORKFLOWS, workflows("list"), ORCHESTRATOR);
  }

  public Future<JsonObject> deleteWorkflow(String name) {
    return ask(Addresses.WORKFLOWS, workflows("delete").put("name", name), ORCHESTRATOR);
  }

  // ---- runs (orchestrator, work tracker) ----

  public Future<JsonObject> startRun(String workflow, int version, DataUnit input) {
    return ask(startRunAddress.apply(input.locality().zone()), new StartRun(workflow, version, input).toJson(),
        ORCHESTRATOR);
  }

  public Future<JsonObject> cancelRun(String runId) {
    return ask(Addresses.CANCEL_RUN, new JsonObject().put("runId", runId), ORCHESTRATOR);
  }

  public Future<JsonObject> retryRun(String runId) {
    return ask(Addresses.RETRY_RUN, new JsonObject().put("runId", runId), ORCHESTRATOR);
  }

  /** The run with its hops ({@code durationsMs} on each). */
  public Future<JsonObject> run(String runId) {
    return ask(Addresses.WORK_TRACKER, tracker("getRun").put("runId", runId), WORK_TRACKER);
  }

  /** Newest first; {@code workflow} and {@code state} may be null (no filter). */
  public Future<JsonObject> runs(String workflow, String state, int limit) {
    return runs(workflow, state, limit, null);
  }

  /**
   * One page of runs, newest first ({@code {runs, nextPageToken}}); {@code pageToken} is the
   * previous page's {@code nextPageToken}, null for the first page.
   */
  public Future<JsonObject> runs(String workflow, String state, int limit, String pageToken) {
    JsonObject q = tracker("listRuns").put("limit", limit);
    if (pageToken != null) {
      q.put("pageToken", pageToken);
    }
    if (workflow != null) {
      q.put("workflow", workflow);
    }
    if (state != null) {
      q.put("state", state);
    }
    return ask(Addresses.WORK_TRACKER, q, WORK_TRACKER);
  }

  public Future<JsonObject> hop(String hopId) {
    return ask(Addresses.WORK_TRACKER, tracker("getHop").put("hopId", hopId), WORK_TRACKER);
  }

  // ---- data units (data master) ----

  /** {@code {unit, copies}}. */
  public Future<JsonObject> unit(String unitId) {
    return ask(Addresses.DATA_MASTER, new JsonObject().put("action", "get").put("unitId", unitId), DATA_MASTER)
        .recover(err -> err instanceof ApiFailure f && f.status() == 404
            ? Future.failedFuture(ApiFailure.notFound("no data unit '" + unitId + "' is registered with the data master"))
            : Future.failedFuture(err));
  }

  /**
   * Asks a component on this node when it runs one (a zone's API node usually runs its
   * orchestrator and data master: the answer then never crosses a WAN link, and a link that is
   * down cannot stall it), else any node that runs it.
   */
  private Future<JsonObject> ask(String address, JsonObject body, String component) {
    return vertx.eventBus().<JsonObject>request(address, body, new DeliveryOptions(delivery).setLocalOnly(true))
        .recover(err -> err instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS
            ? vertx.eventBus().<JsonObject>request(address, body, delivery) : Future.failedFuture(err))
        .transform(ar -> ar.succeeded() ? Future.succeededFuture(ar.result().body())
            : Future.failedFuture(ApiFailure.of(ar.cause(), component)));
  }

  private static JsonObject workflows(String action) {
    return new JsonObject().put("action", action);
  }

  private static JsonObject tracker(String action) {
    return new JsonObject().put("action", action);
  }
}
