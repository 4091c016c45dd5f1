package io.nearflow.orchestrator;

import com.hazelcast.map.EntryProcessor;
import io.nearflow.workflow.WorkflowDefinition;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;

/**
 * Assigns the next version of a workflow atomically on the owner of its name, so two
 * orchestrators registering at once never hand out the same version. Registering content equal
 * to the latest version returns that version (idempotent re-registration). Returns the stored
 * definition as JSON.
 */
final class RegisterWorkflowVersion implements EntryProcessor<String, String, String> {
  private static final long serialVersionUID = 1L;
  private final String definitionJson;
  private final long nowMillis;

  RegisterWorkflowVersion(WorkflowDefinition parsed, long nowMillis) {
    this.definitionJson = parsed.toJson().encode();
    this.nowMillis = nowMillis;
  }

  @Override
  public String process(Map.Entry<String, String> entry) {
    WorkflowDefinition parsed = WorkflowDefinition.fromJson(new JsonObject(definitionJson));
    JsonArray versions = entry.getValue() == null ? new JsonArray()
        : new JsonObject(entry.getValue()).getJsonArray("versions");
    if (!versions.isEmpty()) {
      WorkflowDefinition latest = WorkflowDefinition.fromJson(versions.getJsonObject(versions.size() - 1));
      if (latest.sameContent(parsed)) {
        return latest.toJson().encode();
      }
    }
    WorkflowDefinition stored = parsed.registered(versions.size() + 1, Instant.ofEpochMilli(nowMillis));
    versions.add(stored.toJson());
    entry.setValue(new JsonObject().put("versions", versions).encode());
    return stored.toJson().encode();
  }
}
