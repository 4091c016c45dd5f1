package io.nearflow.worktracker;

import io.nearflow.data.DataUnit;
import io.nearflow.protocol.HopTimings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One hop as the work tracker keeps it: which run, step and instance, its state and every
 * timing (epoch microseconds; 0 = not reached), bytes pulled and how.
 */
public record HopRecord(
    String hopId,
    String runId,
    String workflow,
    int workflowVersion,
    String step,
    String stepType,
    DataUnit input,
    HopState state,
    String instanceId,
    String instanceHost,
    String instanceZone,
    int attempt,
    String orchestratorNodeId,
    long queuedAt,
    long routedAt,
    long dispatchedAt,
    HopTimings agent,
    long completedAt,
    long bytesPulled,
    String pullMethod,
    List<String> outputIds,
    String failureKind,
    String error) {

  public HopRecord {
    outputIds = List.copyOf(outputIds);
    instanceId = instanceId == null ? "" : instanceId;
    instanceHost = instanceHost == null ? "" : instanceHost;
    instanceZone = instanceZone == null ? "" : instanceZone;
    pullMethod = pullMethod == null ? "" : pullMethod;
    failureKind = failureKind == null ? "" : failureKind;
    error = error == null ? "" : error;
    agent = agent == null ? HopTimings.NONE : agent;
  }

  public static HopRecord created(String hopId, String runId, String workflow, int version, String step,
                                  String stepType, DataUnit input, String orchestratorNodeId, long now) {
    return new HopRecord(hopId, runId, workflow, version, step, stepType, input, HopState.QUEUED, "", "", "", 1,
        orchestratorNodeId, now, 0, 0, HopTimings.NONE, 0, 0, "", List.of(), "", "");
  }

  /** The same hop started again (after a failed run's retry, or adopted from a lost orchestrator). */
  public HopRecord restarted(int attemptNo, String orchestrator, long now) {
    return new HopRecord(hopId, runId, workflow, workflowVersion, step, stepType, input, HopState.QUEUED, "", "", "",
        attemptNo, orchestrator, now, 0, 0, HopTimings.NONE, 0, 0, "", List.of(), "", "");
  }

  /** The same hop, now owned by another zone's scheduler that it was handed to (spillback). */
  public HopRecord handedTo(String orchestrator) {
    return new HopRecord(hopId, runId, workflow, workflowVersion, step, stepType, input, HopState.QUEUED, "", "", "",
        attempt, orchestrator, queuedAt, 0, 0, HopTimings.NONE, 0, 0, "", List.of(), "", "");
  }

  public HopRecord routed(String instance, String host, String zone, int attemptNo, long now) {
    return new HopRecord(hopId, runId, workflow, workflowVersion, step, stepType, input, HopState.ROUTED, instance,
        host, zone, attemptNo, orchestratorNodeId, queuedAt, now, 0, HopTimings.NONE, 0, 0, "", List.of(), "", "");
  }

  public HopRecord withState(HopState next) {
    return new HopRecord(hopId, runId, workflow, workflowVersion, step, stepType, input, next, instanceId,
        instanceHost, instanceZone, attempt, orchestratorNodeId, queuedAt, routedAt, dispatchedAt, agent, completedAt,
        bytesPulled, pullMethod, outputIds, failureKind, error);
  }

  public HopRecord dispatched(long now) {
    return new HopRecord(hopId, runId, workflow, workflowVersion, step, stepType, input, HopState.DISPATCHED,
        instanceId, instanceHost, instanceZone, attempt, orchestratorNodeId, queuedAt, routedAt, now, agent,
        completedAt, bytesPulled, pullMethod, outputIds, failureKind, error);
  }

  public HopRecord finished(HopState end, HopTimings timings, long now, long pulled, String method,
                            List<String> outputs, String kind, String message) {
    return new HopRecord(hopId, runId, workflow, workflowVersion, step, stepType, input, end, instanceId,
        instanceHost, instanceZone, attempt, orchestratorNodeId, queuedAt, routedAt, dispatchedAt, timings, now,
        pulled, method, outputs, kind, message);
  }

  /** Total time from routing to completion, in microseconds (0 if not finished). */
  public long totalMicros() {
    return completedAt > 0 && routedAt > 0 ? completedAt - routedAt : 0;
  }

  public long dataMicros() {
    return agent.pullMicros() + agent.pushMicros();
  }

  public long computeMicros() {
    return agent.computeMicros();
  }

  /** Everything that is neither moving data nor computing: routing, booking, messaging, bookkeeping. */
  public long controlMicros() {
    return Math.max(0, totalMicros() - dataMicros() - computeMicros());
  }

  public JsonObject toJson() {
    return new JsonObject().put("hopId", hopId).put("runId", runId).put("workflow", workflow)
        .put("workflowVersion", workflowVersion).put("step", step).put("stepType", stepType)
        .put("input", input.toJson()).put("state", state.name()).put("instanceId", instanceId)
        .put("instanceHost", instanceHost).put("instanceZone", instanceZone).put("attempt", attempt)
        .put("orchestratorNodeId", orchestratorNodeId).put("queuedAt", queuedAt).put("routedAt", routedAt)
        .put("dispatchedAt", dispatchedAt).put("agent", agent.toJson()).put("completedAt", completedAt)
        .put("bytesPulled", bytesPulled).put("pullMethod", pullMethod).put("outputIds", new JsonArray(outputIds))
        .put("failureKind", failureKind).put("error", error);
  }

  public static HopRecord fromJson(JsonObject j) {
    return new HopRecord(j.getString("hopId"), j.getString("runId"), j.getString("workflow"),
        j.getInteger("workflowVersion"), j.getString("step"), j.getString("stepType"),
        DataUnit.fromJson(j.getJsonObject("input")), HopState.valueOf(j.getString("state")), j.getString("instanceId"),
        j.getString("instanceHost"), j.getString("instanceZone"), j.getInteger("attempt"),
        j.getString("orchestratorNodeId"), j.getLong("queuedAt"), j.getLong("routedAt"), j.getLong("dispatchedAt"),
        HopTimings.fromJson(j.getJsonObject("agent")), j.getLong("completedAt"), j.getLong("bytesPulled"),
        j.getString("pullMethod"), j.getJsonArray("outputIds").stream().map(String::valueOf).toList(),
        j.getString("failureKind"), j.getString("error"));
  }

  /** The public view: timings as durations in milliseconds, as users read them. */
  public JsonObject toApiJson() {
    return toJson().put("durationsMs", new JsonObject()
        .put("total", totalMicros() / 1000.0).put("data", dataMicros() / 1000.0)
        .put("pull", agent.pullMicros() / 1000.0).put("compute", computeMicros() / 1000.0)
        .put("push", agent.pushMicros() / 1000.0).put("control", controlMicros() / 1000.0)
        .put("queued", routedAt > 0 && queuedAt > 0 ? (routedAt - queuedAt) / 1000.0 : 0.0));
  }
}
