package io.nearflow.worktracker;

import io.nearflow.data.DataUnit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One run: the journey of one input data unit through one workflow. {@code outstanding} counts
 * hops not yet finished; the run ends when it reaches zero (or a hop fails for good).
 */
public record RunRecord(
    String runId,
    String workflow,
    int workflowVersion,
    DataUnit input,
    RunState state,
    long createdAt,
    long endedAt,
    int outstanding,
    List<String> hopIds,
    List<String> finishedHopIds,
    List<DataUnit> finalOutputs,
    String failureReason) {

  public RunRecord {
    hopIds = List.copyOf(hopIds);
    finishedHopIds = List.copyOf(finishedHopIds);
    finalOutputs = List.copyOf(finalOutputs);
    failureReason = failureReason == null ? "" : failureReason;
  }

  public static RunRecord started(String runId, String workflow, int version, DataUnit input, long now) {
    return started(runId, workflow, version, input, List.of(), now);
  }

  /** A new run whose entry hops are already outstanding: created with one write. */
  public static RunRecord started(String runId, String workflow, int version, DataUnit input, List<String> entryHops,
                                  long now) {
    return new RunRecord(runId, workflow, version, input, RunState.RUNNING, now, 0, entryHops.size(),
        List.copyOf(entryHops), List.of(), List.of(), "");
  }

  RunRecord with(RunState s, long ended, int outstandingNow, List<String> hops, List<String> finished,
                 List<DataUnit> outputs, String reason) {
    return new RunRecord(runId, workflow, workflowVersion, input, s, createdAt, ended, outstandingNow, hops, finished,
        outputs, reason);
  }

  public JsonObject toJson() {
    JsonArray outs = new JsonArray();
    finalOutputs.forEach(u -> outs.add(u.toJson()));
    return new JsonObject().put("runId", runId).put("workflow", workflow).put("workflowVersion", workflowVersion)
        .put("input", input.toJson()).put("state", state.name()).put("createdAt", createdAt).put("endedAt", endedAt)
        .put("outstanding", outstanding).put("hopIds", new JsonArray(hopIds)).put("finishedHopIds", new JsonArray(finishedHopIds)).put("finalOutputs", outs)
        .put("failureReason", failureReason);
  }

  public static RunRecord fromJson(JsonObject j) {
    List<DataUnit> outs = new ArrayList<>();
    j.getJsonArray("finalOutputs", new JsonArray()).forEach(o -> outs.add(DataUnit.fromJson((JsonObject) o)));
    return new RunRecord(j.getString("runId"), j.getString("workflow"), j.getInteger("workflowVersion"),
        DataUnit.fromJson(j.getJsonObject("input")), RunState.valueOf(j.getString("state")), j.getLong("createdAt"),
        j.getLong("endedAt"), j.getInteger("outstanding"),
        j.getJsonArray("hopIds").stream().map(String::valueOf).toList(),
        j.getJsonArray("finishedHopIds", new JsonArray()).stream().map(String::valueOf).toList(), outs,
        j.getString("failureReason"));
  }
}
