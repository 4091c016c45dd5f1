package io.nearflow.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable picture of the cluster at one moment: nodes ordered by zone (in topology order),
 * host and node id. Zones with no live node are not listed.
 */
public record ClusterSnapshot(List<String> topologyZones, List<NodeDescriptor> nodes) {

  public ClusterSnapshot {
    List<String> order = List.copyOf(topologyZones);
    topologyZones = order;
    List<NodeDescriptor> sorted = new ArrayList<>(nodes);
    sorted.sort(Comparator
        .comparingInt((NodeDescriptor n) -> zoneOrder(order, n.zone()))
        .thenComparing(NodeDescriptor::host)
        .thenComparing(NodeDescriptor::nodeId));
    nodes = List.copyOf(sorted);
  }

  private static int zoneOrder(List<String> zones, String zone) {
    int i = zones.indexOf(zone);
    return i < 0 ? Integer.MAX_VALUE : i;
  }

  /** Zones that have at least one live node, in topology order. */
  public List<String> zones() {
    return nodes.stream().map(NodeDescriptor::zone).distinct().toList();
  }

  /** zone -> host -> nodes. */
  public Map<String, Map<String, List<NodeDescriptor>>> byZoneAndHost() {
    Map<String, Map<String, List<NodeDescriptor>>> out = new LinkedHashMap<>();
    for (NodeDescriptor n : nodes) {
      out.computeIfAbsent(n.zone(), z -> new TreeMap<>()).computeIfAbsent(n.host(), h -> new ArrayList<>()).add(n);
    }
    return out;
  }

  public Optional<NodeDescriptor> node(String nodeId) {
    return nodes.stream().filter(n -> n.nodeId().equals(nodeId)).findFirst();
  }

  public List<NodeDescriptor> withRole(String role) {
    return nodes.stream().filter(n -> n.runs(role)).toList();
  }

  public int size() {
    return nodes.size();
  }

  /** {@code {"zones": [...], "nodes": [{"zone", "host", "roles", ...}]}} — the demo's "topology". */
  public JsonObject toJson() {
    JsonArray ns = new JsonArray();
    nodes.forEach(n -> ns.add(n.toJson()));
    return new JsonObject().put("zones", new JsonArray(zones())).put("nodes", ns);
  }
}
