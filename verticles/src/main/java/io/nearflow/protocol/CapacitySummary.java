package io.nearflow.protocol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What a zone scheduler publishes about the instances it schedules: each one's slots and how many
 * are in use, so other zones' schedulers can decide a spillback and the API can show load with no
 * remote call. Sent on change (coalesced) and as a heartbeat; a newer {@code seq} replaces the
 * whole previous summary of the same scheduler.
 */
public record CapacitySummary(String scheduler, List<String> zones, long seq, List<SlotLoad> instances) {
  public CapacitySummary {
    zones = List.copyOf(zones);
    instances = List.copyOf(instances);
  }

  public JsonObject toJson() {
    return new JsonObject().put("scheduler", scheduler).put("zones", new JsonArray(zones)).put("seq", seq)
        .put("instances", SlotLoad.toJsonArray(instances));
  }

  public static CapacitySummary fromJson(JsonObject j) {
    return new CapacitySummary(j.getString("scheduler"),
        j.getJsonArray("zones", new JsonArray()).stream().map(String::valueOf).toList(), j.getLong("seq", 0L),
        SlotLoad.fromJsonArray(j.getJsonArray("instances")));
  }
}
