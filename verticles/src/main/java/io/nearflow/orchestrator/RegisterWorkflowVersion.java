package io.nearflow.orchestrator;

import com.hazelcast.map.EntryProcessor;
import io.nearflow.workflow.WorkflowDefinition;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Assigns the next version of a workflow atomically on the owner of its name, so two
 * orchestrators registering at once never hand out the same version. Registering content equal
 * to the latest version returns that version (idempotent re-registration). A name registered
 * again after a delete continues its numbering. Returns the stored definition as JSON.
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
    WorkflowHistory history = WorkflowHistory.of(entry.getValue());
    Optional<WorkflowDefinition> latest = history.live(0);
    if (latest.isPresent() && latest.get().sameContent(parsed)) {
      return latest.get().toJson().encode();
    }
    // After the last number ever handed out, deleted or not: see WorkflowHistory.
    WorkflowDefinition stored = parsed.registered(history.lastNumber() + 1, Instant.ofEpochMilli(nowMillis));
    entry.setValue(history.withRegistered(stored).encode());
    return stored.toJson().encode();
  }
}
