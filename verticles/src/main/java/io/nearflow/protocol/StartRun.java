package io.nearflow.protocol;

import io.nearflow.data.DataUnit;
import io.vertx.core.json.JsonObject;

/**
 * API to orchestrator: a data unit became available for a workflow; start a run for it.
 *
 * @param workflowVersion 0 = the latest version
 */
public record StartRun(String workflow, int workflowVersion, DataUnit input) {
  public JsonObject toJson() {
    return new JsonObject().put("workflow", workflow).put("workflowVersion", workflowVersion).put("input", input.toJson());
  }

  public static StartRun fromJson(JsonObject j) {
    return new StartRun(j.getString("workflow"), j.getInteger("workflowVersion", 0), DataUnit.fromJson(j.getJsonObject("input")));
  }
}
