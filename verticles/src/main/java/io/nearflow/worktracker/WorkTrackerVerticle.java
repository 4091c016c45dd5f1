package io.nearflow.worktracker;

import io.nearflow.node.NodeContext;
import io.nearflow.protocol.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Answers queries about runs and hops on {@link Addresses#WORK_TRACKER}: {@code action}
 * {@code getRun} (the run with its hops), {@code listRuns} (optional {@code workflow},
 * {@code state}, {@code limit}) and {@code getHop}. The records themselves are written by the
 * orchestrators straight into the work tracker's maps; this node also holds their partitions.
 */
public final class WorkTrackerVerticle extends VerticleBase {
  private final NodeContext node;
  private WorkTracker tracker;

  public WorkTrackerVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    tracker = new WorkTracker(node.hazelcast(), context);
    return vertx.eventBus().<JsonObject>consumer(Addresses.WORK_TRACKER, this::handle).completion();
  }

  private void handle(Message<JsonObject> msg) {
    JsonObject b = msg.body();
    switch (b.getString("action", "")) {
      case "getRun" -> tracker.run(b.getString("runId", "")).compose(run -> {
        if (run == null || !b.getBoolean("withHops", true)) {
          return Future.succeededFuture(run == null ? null : run.toJson());
        }
        return tracker.hops(run.hopIds()).map(hops -> {
          JsonArray arr = new JsonArray();
          hops.forEach(h -> arr.add(h.toApiJson()));
          return run.toJson().put("hops", arr);
        });
      }).onSuccess(json -> {
        if (json == null) {
          msg.fail(404, "no run " + b.getString("runId"));
        } else {
          msg.reply(json);
        }
      }).onFailure(err -> msg.fail(500, err.getMessage()));
      case "getHop" -> tracker.hop(b.getString("hopId", "")).onSuccess(h -> {
        if (h == null) {
          msg.fail(404, "no hop " + b.getString("hopId"));
        } else {
          msg.reply(h.toApiJson());
        }
      }).onFailure(err -> msg.fail(500, err.getMessage()));
      case "listRuns" -> tracker.runs().onSuccess(runs -> {
        String wf = b.getString("workflow");
        String state = b.getString("state");
        int limit = b.getInteger("limit", 100);
        JsonArray arr = new JsonArray();
        runs.stream().filter(r -> wf == null || r.workflow().equals(wf))
            .filter(r -> state == null || r.state().name().equalsIgnoreCase(state))
            .limit(limit).forEach(r -> arr.add(r.toJson()));
        msg.reply(new JsonObject().put("runs", arr));
      }).onFailure(err -> msg.fail(500, err.getMessage()));
      default -> msg.fail(400, "unknown work tracker action '" + b.getString("action") + "'");
    }
  }
}
