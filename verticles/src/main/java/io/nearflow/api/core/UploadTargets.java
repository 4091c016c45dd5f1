package io.nearflow.api.core;

import io.nearflow.cluster.ClusterSnapshot;
import io.nearflow.cluster.NodeDescriptor;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Picks the host an upload goes to from the live cluster view: a host with the adapter role (and
 * a published HTTP endpoint). A named host must be such a host (and in the named zone, if one is
 * given); for a zone alone, the zone's adapter host used longest ago gets it, so uploads to a zone
 * spread over its hosts, deterministically for a given history. Shared by the HTTP and gRPC
 * transports, which run on different event loops: hence synchronized.
 */
public final class UploadTargets {
  static final String ADAPTER_ROLE = "adapter";

  /** Where the bytes go: the adapter node and its HTTP base URL. */
  public record Target(NodeDescriptor node, URI http) {
    public String host() {
      return node.host();
    }
  }

  private final Map<String, Long> lastUsed = new HashMap<>();
  private long uses;

  /** The target, or an {@link ApiFailure} (400 / 503) listing what exists. */
  public synchronized Target pick(ClusterSnapshot view, Optional<String> zone, Optional<String> host) {
    List<String> topologyZones = view.topologyZones();
    List<NodeDescriptor> adapters = view.withRole(ADAPTER_ROLE).stream()
        .filter(n -> n.endpoints().containsKey("http")).toList();
    if (zone.isEmpty() && host.isEmpty()) {
      throw ApiFailure.badRequest("say where the data enters the cluster: give a zone and/or a host "
          + "(HTTP: ?zone=...&host=...). " + listing(adapters, topologyZones));
    }
    if (zone.isPresent() && !topologyZones.contains(zone.get())) {
      throw ApiFailure.badRequest("unknown zone '" + zone.get() + "'. " + listing(adapters, topologyZones));
    }
    List<NodeDescriptor> candidates = adapters.stream()
        .filter(n -> zone.map(n.zone()::equals).orElse(true))
        .filter(n -> host.map(n.host()::equals).orElse(true)).toList();
    if (candidates.isEmpty()) {
      if (host.isPresent()) {
        throw ApiFailure.badRequest("'" + host.get() + "' is not a host with the adapter role"
            + zone.map(z -> " in zone " + z).orElse("") + ". " + listing(adapters, topologyZones));
      }
      throw new ApiFailure(503, "no host with the adapter role is up in zone " + zone.get()
          + "; upload to another zone. " + listing(adapters, topologyZones));
    }
    NodeDescriptor chosen = candidates.get(0);
    for (NodeDescriptor n : candidates) {
      if (lastUsed.getOrDefault(n.host(), -1L) < lastUsed.getOrDefault(chosen.host(), -1L)) {
        chosen = n;
      }
    }
    lastUsed.put(chosen.host(), uses++);
    return new Target(chosen, URI.create(chosen.endpoints().get("http")));
  }

  /** "zones: a, b, c; adapter hosts: a: a-1, a-2; b: (none)" — what the client can choose from. */
  static String listing(List<NodeDescriptor> adapters, List<String> topologyZones) {
    Map<String, TreeSet<String>> byZone = new LinkedHashMap<>();
    topologyZones.forEach(z -> byZone.put(z, new TreeSet<>()));
    adapters.forEach(n -> byZone.computeIfAbsent(n.zone(), z -> new TreeSet<>()).add(n.host()));
    return "zones: " + String.join(", ", topologyZones) + "; adapter hosts: " + byZone.entrySet().stream()
        .map(e -> e.getKey() + ": " + (e.getValue().isEmpty() ? "(none up)" : String.join(", ", e.getValue())))
        .collect(Collectors.joining("; "));
  }
}
