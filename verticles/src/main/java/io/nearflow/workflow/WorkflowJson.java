package io.nearflow.workflow;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Writes the JSON form of a definition: the field names of a workflow file, durations as text
 * ({@code "500ms"}) and every default spelled out, with {@code follows} resolved on every step
 * (an entry step says {@code []}). Reading it back goes through the parser, so the stored, wire
 * and file forms are checked by the same code.
 */
final class WorkflowJson {
  private WorkflowJson() {}

  static JsonObject write(WorkflowDefinition w) {
    JsonObject json = new JsonObject().put("name", w.name());
    if (w.version() > 0) {
      json.put("version", w.version());
    }
    if (!w.description().isEmpty()) {
      json.put("description", w.description());
    }
    if (w.registeredAt() != null) {
      json.put("registeredAt", w.registeredAt().toString());
    }
    JsonArray steps = new JsonArray();
    w.steps().forEach(s -> steps.add(step(s)));
    return json.put("steps", steps);
  }

  private static JsonObject step(StepDefinition s) {
    JsonObject placement = new JsonObject()
        .put("zones", new JsonArray(s.placement().zones()))
        .put("hosts", new JsonArray(s.placement().hosts()));
    JsonObject params = new JsonObject();
    s.params().forEach(params::put);
    JsonObject retry = new JsonObject()
        .put("maxAttempts", s.retry().maxAttempts())
        .put("backoff", Durations.format(s.retry().initialBackoff()))
        .put("maxBackoff", Durations.format(s.retry().maxBackoff()))
        .put("multiplier", s.retry().multiplier());
    return new JsonObject()
        .put("name", s.name())
        .put("type", s.type())
        .put("source", s.source())
        .put("sink", s.sink())
        .put("follows", new JsonArray(s.follows()))
        .put("placement", placement)
        .put("params", params)
        .put("retry", retry)
        .put("timeout", Durations.format(s.timeout()));
  }
}
