package io.nearflow.protocol;

import io.nearflow.data.DataUnit;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * Orchestrator to agent: run one hop on one step instance.
 *
 * @param orchestratorNodeId where the outcome goes ({@link Addresses#hopOutcome})
 * @param attempt 1 for the first try; retries and re-routes count up
 */
public record HopDispatch(
    String hopId,
    String runId,
    String workflow,
    int workflowVersion,
    String step,
    String stepType,
    String instanceId,
    DataUnit input,
    String sourceAdapter,
    String sinkAdapter,
    Map<String, String> params,
    long timeoutMs,
    int attempt,
    String orchestratorNodeId) {

  public HopDispatch {
    params = Map.copyOf(params);
  }

  public JsonObject toJson() {
    return new JsonObject().put("hopId", hopId).put("runId", runId).put("workflow", workflow)
        .put("workflowVersion", workflowVersion).put("step", step).put("stepType", stepType)
        .put("instanceId", instanceId).put("input", input.toJson()).put("sourceAdapter", sourceAdapter)
        .put("sinkAdapter", sinkAdapter).put("params", new JsonObject(new HashMap<>(params)))
        .put("timeoutMs", timeoutMs).put("attempt", attempt).put("orchestratorNodeId", orchestratorNodeId);
  }

  public static HopDispatch fromJson(JsonObject j) {
    Map<String, String> params = new HashMap<>();
    j.getJsonObject("params", new JsonObject()).forEach(e -> params.put(e.getKey(), String.valueOf(e.getValue())));
    return new HopDispatch(j.getString("hopId"), j.getString("runId"), j.getString("workflow"),
        j.getInteger("workflowVersion", 0), j.getString("step"), j.getString("stepType"), j.getString("instanceId"),
        DataUnit.fromJson(j.getJsonObject("input")), j.getString("sourceAdapter"), j.getString("sinkAdapter"),
        params, j.getLong("timeoutMs"), j.getInteger("attempt", 1), j.getString("orchestratorNodeId"));
  }
}
