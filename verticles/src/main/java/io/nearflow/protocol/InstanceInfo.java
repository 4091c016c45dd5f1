package io.nearflow.protocol;

import io.nearflow.routing.Locality;
import io.vertx.core.json.JsonObject;

/**
 * A step instance as its agent advertises it to the cluster: which step type, where, how many
 * hops it may run at once, and which node's agent accepts its dispatches.
 */
public record InstanceInfo(String instanceId, String stepType, String nodeId, String host, String zone, int slots) {

  public Locality locality() {
    return Locality.of(host, zone);
  }

  public JsonObject toJson() {
    return new JsonObject().put("instanceId", instanceId).put("stepType", stepType).put("nodeId", nodeId)
        .put("host", host).put("zone", zone).put("slots", slots);
  }

  public static InstanceInfo fromJson(JsonObject j) {
    return new InstanceInfo(j.getString("instanceId"), j.getString("stepType"), j.getString("nodeId"),
        j.getString("host"), j.getString("zone"), j.getInteger("slots"));
  }
}
