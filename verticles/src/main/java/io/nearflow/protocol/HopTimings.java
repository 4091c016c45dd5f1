package io.nearflow.protocol;

import io.vertx.core.json.JsonObject;

/**
 * Where a hop's time went on the agent, as epoch microseconds from the agent's clock (0 = did
 * not happen). The orchestrator adds queued/routed/dispatched/completed; the split reported is
 * data = pull + push, compute = the step's own time, control = the rest of the hop's time.
 */
public record HopTimings(long pullStart, long pullEnd, long computeStart, long computeEnd, long pushStart, long pushEnd) {
  public static final HopTimings NONE = new HopTimings(0, 0, 0, 0, 0, 0);

  public long pullMicros() {
    return Math.max(0, pullEnd - pullStart);
  }

  public long computeMicros() {
    return Math.max(0, computeEnd - computeStart);
  }

  public long pushMicros() {
    return Math.max(0, pushEnd - pushStart);
  }

  public JsonObject toJson() {
    return new JsonObject().put("pullStart", pullStart).put("pullEnd", pullEnd)
        .put("computeStart", computeStart).put("computeEnd", computeEnd)
        .put("pushStart", pushStart).put("pushEnd", pushEnd);
  }

  public static HopTimings fromJson(JsonObject j) {
    if (j == null) {
      return NONE;
    }
    return new HopTimings(j.getLong("pullStart", 0L), j.getLong("pullEnd", 0L), j.getLong("computeStart", 0L),
        j.getLong("computeEnd", 0L), j.getLong("pushStart", 0L), j.getLong("pushEnd", 0L));
  }
}
