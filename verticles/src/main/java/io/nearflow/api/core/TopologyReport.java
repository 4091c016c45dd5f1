package io.nearflow.api.core;

import com.hazelcast.map.IMap;
import io.nearflow.cluster.ClusterSnapshot;
import io.nearflow.cluster.NodeDescriptor;
import io.nearflow.protocol.InstanceInfo;
import io.nearflow.cluster.CapacityView;
import io.nearflow.cluster.ZoneSchedulers;
import io.nearflow.protocol.SlotLoad;
import io.nearflow.routing.TopologySpec;
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
 * the step instances on each host and their load (in-flight hops against slots, from the zone
 * schedulers' capacity summaries: at most a heartbeat old). Breaker states come from a cluster
 * map, read on a worker.
 *
 * <p>Shape: {@code {topology, zones: [names], nodes: [...], hosts: [{zone, host, nodeIds,
 * instances: [...]}], instances: [{instanceId, stepType, nodeId, host, zone, slots, inFlight,
 * free}], load: {instances, slots, inFlight}, schedulers: {zone: nodeId}, breakers: [{orchestrator,
 * target, state, since}]}. {@code zones} and {@code nodes} keep the shape they had before
 * instances were added.
 */
public final class TopologyReport {
  private final Vertx vertx;
  private final CapacityView capacity;
  private final IMap<String, String> breakerStates;

  /** @param breakerStates the orchestrators' circuit breaker states ({@code nearflow.breakers}) */
  public TopologyReport(Vertx vertx, CapacityView capacity, IMap<String, String> breakerStates) {
    this.vertx = vertx;
    this.capacity = capacity;
    this.breakerStates = breakerStates;
  }

  public Future<JsonObject> build(ClusterSnapshot view, TopologySpec topology) {
    List<SlotLoad> loads = new ArrayList<>(capacity.instances());
    loads.sort(Comparator.comparing(l -> l.info().instanceId()));
    return vertx.executeBlocking(() -> {
      JsonArray breakers = new JsonArray();
      breakerStates.values().stream().map(JsonObject::new)
          .sorted(Comparator.comparing((JsonObject b) -> b.getString("target")).thenComparing(b -> b.getString("orchestrator")))
          .forEach(breakers::add);
      return render(view, topology.name(), loads).put("breakers", breakers)
          .put("schedulers", new JsonObject(new java.util.TreeMap<String, Object>(
              ZoneSchedulers.of(view, topology).asMap())));
    }, false);
  }

  static JsonObject render(ClusterSnapshot view, String topologyName, List<SlotLoad> loads) {
    JsonObject out = view.toJson().put("topology", topologyName);
    JsonArray all = new JsonArray();
    Map<String, JsonArray> byHost = new HashMap<>();
    int slots = 0;
    int inFlight = 0;
    for (SlotLoad l : loads) {
      InstanceInfo i = l.info();
      int busy = l.inFlight();
      int limit = i.slots();
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
        .put("load", new JsonObject().put("instances", loads.size()).put("slots", slots).put("inFlight", inFlight));
  }
}
