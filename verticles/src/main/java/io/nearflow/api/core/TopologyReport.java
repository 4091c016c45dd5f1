package io.nearflow.api.core;

import com.hazelcast.map.IMap;
import io.nearflow.cluster.ClusterSnapshot;
import io.nearflow.cluster.NodeDescriptor;
import io.nearflow.protocol.InstanceInfo;
import io.nearflow.worktracker.LoadRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The topology as a user reads it: the live zones, hosts and nodes (from the cluster view) with
 * the step instances on each host and their load (in-flight hops against slots, from the work
 * tracker's maps). Reading whole maps visits every partition and blocks, so it runs on a worker.
 *
 * <p>Shape: {@code {topology, zones: [names], nodes: [...], hosts: [{zone, host, nodeIds,
 * instances: [...]}], instances: [{instanceId, stepType, nodeId, host, zone, slots, inFlight,
 * free}], load: {instances, slots, inFlight}, breakers: [{orchestrator, target, state, since}]}.
 * {@code zones} and {@code nodes} keep the shape
 * they had before instances were added.
 */
public final class TopologyReport {
  private final Vertx vertx;
  private final IMap<String, String> instances;
  private final IMap<String, LoadRecord> load;
  private final IMap<String, String> breakerStates;

  /** @param breakerStates the orchestrators' circuit breaker states ({@code nearflow.breakers}) */
  public TopologyReport(Vertx vertx, IMap<String, String> instances, IMap<String, LoadRecord> load,
                        IMap<String, String> breakerStates) {
    this.vertx = vertx;
    this.instances = instances;
    this.load = load;
    this.breakerStates = breakerStates;
  }

  public Future<JsonObject> build(ClusterSnapshot view, String topologyName) {
    return vertx.executeBlocking(() -> {
      List<InstanceInfo> infos = new ArrayList<>();
      instances.values().forEach(s -> infos.add(InstanceInfo.fromJson(new JsonObject(s))));
      infos.sort(Comparator.comparing(InstanceInfo::instanceId));
      JsonArray breakers = new JsonArray();
      breakerStates.values().stream().map(JsonObject::new)
          .sorted(Comparator.comparing((JsonObject b) -> b.getString("target")).thenComparing(b -> b.getString("orchestrator")))
          .forEach(breakers::add);
      return render(view, topologyName, infos, new HashMap<>(load.getAll(new java.util.HashSet<>(
          infos.stream().map(InstanceInfo::instanceId).toList())))).put("breakers", breakers);
    }, false);
  }

  static JsonObject render(ClusterSnapshot view, String topologyName, List<InstanceInfo> infos,
                           Map<String, LoadRecord> loads) {
    JsonObject out = view.toJson().put("topology", topologyName);
    JsonArray all = new JsonArray();
    Map<String, JsonArray> byHost = new HashMap<>();
    int slots = 0;
    int inFlight = 0;
    for (InstanceInfo i : infos) {
      LoadRecord l = loads.get(i.instanceId());
      int busy = l == null ? 0 : l.inFlight();
      int limit = l == null ? i.slots() : l.slots();
      JsonObject j = i.toJson().put("slots", limit).put("inFlight", busy).put("free", Math.max(0, limit - busy));
      all.add(j);
      byHost.computeIfAbsent(i.host(), h -> new JsonArray()).add(j);
      slots += limit;
      inFlight += busy;
    }
    JsonArray hosts = new JsonArray();
    view.byZoneAndHost().forEach((zone, hostMap) -> hostMap.forEach((host, nodes) -> hosts.add(new JsonObject()
        .put("zone", zone).put("host", host)
        .put("nodeIds", new JsonArray(nodes.stream().map(NodeDescriptor::nodeId).toList()))
        .put("instances", byHost.getOrDefault(host, new JsonArray())))));
    return out.put("hosts", hosts).put("instances", all)
        .put("load", new JsonObject().put("instances", infos.size()).put("slots", slots).put("inFlight", inFlight));
  }
}
