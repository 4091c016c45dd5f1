package io.nearflow.protocol;

import io.nearflow.data.DataUnit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Agent to orchestrator: how a hop ended.
 *
 * @param failure null when the hop succeeded
 * @param pullMethod how the input arrived (hard-link, copy, remote), for the report
 * @param slotReleased the agent already freed the hop's slot in the work tracker, so the
 *     orchestrator need not (it releases when false: releasing is idempotent)
 */
public record HopOutcome(
    String hopId,
    String runId,
    String instanceId,
    int attempt,
    List<DataUnit> outputs,
    FailureKind failure,
    String error,
    HopTimings timings,
    long bytesPulled,
    String pullMethod,
    boolean slotReleased) {

  public HopOutcome {
    outputs = List.copyOf(outputs);
    error = error == null ? "" : error;
  }

  /** The same outcome, saying whether the agent freed the slot already. */
  public HopOutcome withSlotReleased(boolean released) {
    return new HopOutcome(hopId, runId, instanceId, attempt, outputs, failure, error, timings, bytesPulled, pullMethod,
        released);
  }

  public boolean succeeded() {
    return failure == null;
  }

  public JsonObject toJson() {
    JsonArray outs = new JsonArray();
    outputs.forEach(u -> outs.add(u.toJson()));
    JsonObject j = new JsonObject().put("hopId", hopId).put("runId", runId).put("instanceId", instanceId)
        .put("attempt", attempt).put("outputs", outs).put("error", error).put("timings", timings.toJson())
        .put("bytesPulled", bytesPulled).put("pullMethod", pullMethod).put("slotReleased", slotReleased);
    if (failure != null) {
      j.put("failure", failure.name());
    }
    return j;
  }

  public static HopOutcome fromJson(JsonObject j) {
    List<DataUnit> outs = new ArrayList<>();
    j.getJsonArray("outputs", new JsonArray()).forEach(o -> outs.add(DataUnit.fromJson((JsonObject) o)));
    String failure = j.getString("failure");
    return new HopOutcome(j.getString("hopId"), j.getString("runId"), j.getString("instanceId"),
        j.getInteger("attempt", 1), outs, failure == null ? null : FailureKind.valueOf(failure),
        j.getString("error", ""), HopTimings.fromJson(j.getJsonObject("timings")),
        j.getLong("bytesPulled", 0L), j.getString("pullMethod", ""), j.getBoolean("slotReleased", false));
  }
}
