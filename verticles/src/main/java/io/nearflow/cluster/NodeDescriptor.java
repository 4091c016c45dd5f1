package io.nearflow.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * One node as the cluster sees it.
 *
 * @param memberId Hazelcast member UUID (stable for the life of the JVM)
 * @param memberAddress host:port of the Hazelcast member
 * @param endpoints named endpoints published after the node's servers started, e.g.
 *     {@code http -> http://127.0.0.1:8080}, {@code grpc -> 127.0.0.1:9090}; empty until then
 */
public record NodeDescriptor(
    String nodeId,
    String zone,
    String host,
    List<String> roles,
    String memberId,
    String memberAddress,
    Map<String, String> endpoints) {

  public NodeDescriptor {
    roles = List.copyOf(roles);
    endpoints = Map.copyOf(endpoints);
  }

  public boolean runs(String role) {
    return roles.contains(role);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("nodeId", nodeId)
        .put("zone", zone)
        .put("host", host)
        .put("roles", new JsonArray(roles))
        .put("memberAddress", memberAddress)
        .put("endpoints", new JsonObject(Map.copyOf(endpoints)));
  }
}
