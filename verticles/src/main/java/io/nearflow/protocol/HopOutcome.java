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
    String pullMethod) {

  public HopOutcome {
    outputs = List.copyOf(outputs);
    error = error == null ? "" : error;
  }

  public boolean succeeded() {
    return failure == null;
  }

  public JsonObject toJson() {
    JsonArray outs = new JsonArray();
    outputs.forEach(u -> outs.add(u.toJson()));
    JsonObject j = new JsonObject().put("hopId", hopId).put("runId", runId).put("instanceId", instanceId)
        .put("attempt", attempt).put("outputs", outs).put("error", error).put("timings", timings.toJson())
        .put("bytesPulled", bytesPulled).put("pullMethod", pullMethod);
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
        j.getLong("bytesPulled", 0L), j.getString("pullMethod", ""));
  }
}
