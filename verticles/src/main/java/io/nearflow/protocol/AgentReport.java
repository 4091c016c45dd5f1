package io.nearflow.protocol;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An agent tells its zone's scheduler which step instances it hosts and which hops hold their
 * slots. Sent when the agent starts, whenever the zone's scheduler changes (so a standby that
 * takes over learns the hops its predecessor booked), and every few seconds as a resync; an
 * agent that stops sends one with {@code leaving} set. Idempotent: a scheduler merges reports.
 */
public record AgentReport(String nodeId, String zone, List<SlotLoad> instances, boolean leaving) {
  public AgentReport {
    instances = List.copyOf(instances);
  }

  public JsonObject toJson() {
    return new JsonObject().put("nodeId", nodeId).put("zone", zone)
        .put("instances", SlotLoad.toJsonArray(instances)).put("leaving", leaving);
  }

  public static AgentReport fromJson(JsonObject j) {
    return new AgentReport(j.getString("nodeId"), j.getString("zone"),
        SlotLoad.fromJsonArray(j.getJsonArray("instances")), j.getBoolean("leaving", false));
  }
}
