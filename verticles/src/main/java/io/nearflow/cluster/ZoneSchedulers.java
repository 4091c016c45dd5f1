package io.nearflow.cluster;

import io.nearflow.protocol.Addresses;
import io.nearflow.routing.TopologySpec;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which orchestrator node schedules each zone: the zone's own live orchestrator with the smallest
 * node id (the others in the zone are its standbys), or, for a zone with no orchestrator of its
 * own (a fleet of buses that run only agents), the scheduler of the nearest zone that has one
 * (ties by zone name). Every node computes the same answer from the same membership view, so no
 * election protocol and no cluster map is needed; views that differ for a moment (a member just
 * joined or left) settle with the next membership event.
 *
 * <p>Pure: a function of the view and the topology.
 */
public final class ZoneSchedulers {
  public static final String ROLE = "orchestrator";

  private final Map<String, String> byZone;
  /** Zones with an orchestrator of their own, and their scheduler. */
  private final Map<String, String> own;

  private ZoneSchedulers(Map<String, String> byZone, Map<String, String> own) {
    this.byZone = Map.copyOf(byZone);
    this.own = Map.copyOf(own);
  }

  public static ZoneSchedulers of(ClusterSnapshot view, TopologySpec topology) {
    Map<String, String> own = new LinkedHashMap<>();
    for (NodeDescriptor n : view.withRole(ROLE)) {
      own.merge(n.zone(), n.nodeId(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }
    Map<String, String> out = new LinkedHashMap<>(own);
    for (String zone : topology.zones()) {
      if (own.containsKey(zone)) {
        continue;
      }
      own.keySet().stream()
          .filter(topology::hasZone)
          .min(Comparator.comparingInt((String z) -> topology.zoneDistance(zone, z)).thenComparing(z -> z))
          .ifPresent(nearest -> out.put(zone, own.get(nearest)));
    }
    return new ZoneSchedulers(out, own);
  }

  /** The node id of the scheduler of {@code zone}, if any orchestrator is alive. */
  public Optional<String> schedulerOf(String zone) {
    return Optional.ofNullable(byZone.get(zone));
  }

  /**
   * The scheduler that sits in {@code zone} itself, if the zone has a live orchestrator. Runs are
   * coordinated only by such a scheduler: a zone cut off from the others keeps its runs, and the
   * other side, which sees the zone as having no orchestrator (and schedules its instances from
   * the nearest zone), must not coordinate them too.
   */
  public Optional<String> ownSchedulerOf(String zone) {
    return Optional.ofNullable(own.get(zone));
  }

  /** True when {@code nodeId} schedules {@code zone}. */
  public boolean schedules(String nodeId, String zone) {
    return nodeId.equals(byZone.get(zone));
  }

  /** The zones {@code nodeId} schedules (empty for a standby). */
  public List<String> zonesOf(String nodeId) {
    return byZone.entrySet().stream().filter(e -> e.getValue().equals(nodeId)).map(Map.Entry::getKey).sorted().toList();
  }

  /**
   * Where to start a run whose input is in {@code zone}: that zone's scheduler, so a run that
   * stays in its zone is coordinated there; any orchestrator when the zone is unknown or none is
   * alive (the run is then still routed by locality, and its hops handed to their zones).
   */
  public static String startRunAddress(ClusterSnapshot view, TopologySpec topology, String zone) {
    if (zone == null || zone.isEmpty()) {
      return Addresses.START_RUN;
    }
    return of(view, topology).schedulerOf(zone).map(Addresses::schedulerStartRun).orElse(Addresses.START_RUN);
  }

  public Map<String, String> asMap() {
    return byZone;
  }
}
