package io.nearflow.orchestrator;

import io.nearflow.protocol.Addresses;
import io.nearflow.workflow.WorkflowParser;
import io.nearflow.workflow.WorkflowValidationException;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The workflow definition service on {@link Addresses#WORKFLOWS}: register (parsed, zones checked
 * against the topology; refused with 503 on the minority side of a split, see
 * {@link RegistrationQuorum}), get, list and delete. Replies fail with 400 (bad definition or
 * action), 404 (unknown workflow) or 503.
 */
final class WorkflowRequests {
  private final WorkflowCatalog catalog;
  private final RegistrationQuorum quorum;
  private final Supplier<Set<String>> zonesNow;
  private final List<String> topologyZones;

  /** @param zonesNow the zones with an orchestrator in this node's view now */
  WorkflowRequests(WorkflowCatalog catalog, RegistrationQuorum quorum, Supplier<Set<String>> zonesNow,
                   List<String> topologyZones) {
    this.catalog = catalog;
    this.quorum = quorum;
    this.zonesNow = zonesNow;
    this.topologyZones = topologyZones;
  }

  void handle(Message<JsonObject> msg) {
    JsonObject body = msg.body();
    String name = body.getString("name", "");
    String action = body.getString("action", "");
    if (action.equals("register") || action.equals("delete")) {
      java.util.Optional<String> refused = quorum.refusal(zonesNow.get());
      if (refused.isPresent()) {
        msg.fail(503, refused.get());
        return;
      }
    }
    switch (action) {
      case "register" -> {
        try {
          var parsed = WorkflowParser.parse(body.getString("content", ""), body.getString("source", "workflow"),
              Set.of(body.getJsonArray("adapters", new JsonArray().add("local-fs")).stream().map(String::valueOf)
                  .toArray(String[]::new)));
          List<String> zoneProblems = parsed.validateZones(Set.copyOf(topologyZones));
          if (!zoneProblems.isEmpty()) {
            msg.fail(400, String.join("; ", zoneProblems));
            return;
          }
          catalog.register(parsed).onSuccess(d -> msg.reply(d.toJson())).onFailure(err -> reply(msg, err));
        } catch (WorkflowValidationException e) {
          msg.fail(400, e.getMessage());
        }
      }
      case "get" -> catalog.get(name, body.getInteger("version", 0)).onSuccess(d -> {
        if (d.isEmpty()) {
          msg.fail(404, "no workflow '" + name + "'");
        } else {
          msg.reply(d.get().toJson());
        }
      }).onFailure(err -> reply(msg, err));
      case "list" -> catalog.list().onSuccess(all -> {
        JsonArray arr = new JsonArray();
        all.forEach(d -> arr.add(d.toJson()));
        msg.reply(new JsonObject().put("workflows", arr));
      }).onFailure(err -> reply(msg, err));
      case "delete" -> catalog.delete(name).onSuccess(existed -> {
        if (existed) {
          msg.reply(new JsonObject().put("deleted", name));
        } else {
          msg.fail(404, "no workflow '" + name + "'");
        }
      }).onFailure(err -> reply(msg, err));
      default -> msg.fail(400, "unknown workflows action '" + body.getString("action") + "'");
    }
  }


  /** Passes a failure on: a component's own code and message when it answered, else 500. */
  static void reply(Message<?> msg, Throwable err) {
    if (err instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      msg.fail(re.failureCode(), re.getMessage());
    } else {
      msg.fail(500, String.valueOf(err.getMessage()));
    }
  }
}
