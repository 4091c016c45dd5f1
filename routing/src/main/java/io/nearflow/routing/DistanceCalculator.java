package io.nearflow.routing;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Distance between two localities, on tables precomputed from a {@link TopologySpec} and the
 * hosts known now. An instance is an immutable snapshot: topology or host changes produce a
 * new snapshot ({@link #withHost}, {@link #withoutHost}, {@link #withTopology}) that the owner
 * publishes, e.g. through a volatile field, so readers never lock and never see a half update.
 *
 * <p>The rules, in order, for {@code distance(a, b)}:
 *
 * <ol>
 *   <li>both hosts known and equal: {@code 0} (host ids are cluster-wide, so the zones are not
 *       consulted);
 *   <li>each side's zone is resolved: its own zone if the topology lists it, otherwise the zone
 *       its host is registered in, otherwise unresolved. A locality's own zone wins over the
 *       host registry: the registry only fills a missing or unrecognised zone;
 *   <li>either zone unresolved: {@link TopologySpec#unknownDistance()}, which validation keeps at
 *       or above every known distance, so unknown never beats a known match;
 *   <li>same zone: {@link TopologySpec#intraZoneDistance()}, <em>also when one or both hosts
 *       are unknown</em>. The zone match is known information; intra is the honest bound when
 *       the hosts could be the same or not, and it keeps a zone-only data unit preferring its
 *       own zone;
 *   <li>otherwise the zone matrix.
 * </ol>
 *
 * <p>Lookups never throw and are O(1). Host changes share the zone tables with the previous
 * snapshot and copy only the host registry (O(hosts), microseconds for thousands of hosts);
 * a zone change ({@link #withTopology}) rebuilds the O(zones²) table.
 */
public final class DistanceCalculator {
  private final TopologySpec topology;
  private final ZoneTables tables;
  private final Map<String, String> hostZones;

  private DistanceCalculator(TopologySpec topology, ZoneTables tables, Map<String, String> hostZones) {
    this.topology = topology;
    this.tables = tables;
    this.hostZones = hostZones;
  }

  /** A snapshot of the topology with no hosts registered yet. */
  public static DistanceCalculator of(TopologySpec topology) {
    return of(topology, Map.of());
  }

  /** A snapshot of the topology with the given host → zone registry. */
  public static DistanceCalculator of(TopologySpec topology, Map<String, String> hostZones) {
    Objects.requireNonNull(topology, "topology");
    Map<String, String> copy = new HashMap<>();
    hostZones.forEach((h, z) -> copy.put(checkHost(h), z == null ? Locality.UNKNOWN : z));
    return new DistanceCalculator(topology, new ZoneTables(topology), Collections.unmodifiableMap(copy));
  }

  /**
   * A snapshot where {@code host} is registered in {@code zone} (moved there if it was
   * elsewhere). A zone the topology does not list is accepted: the host then resolves to
   * unknown until a topology naming that zone arrives.
   */
  public DistanceCalculator withHost(String host, String zone) {
    Map<String, String> copy = new HashMap<>(hostZones);
    copy.put(checkHost(host), zone == null || zone.isBlank() ? Locality.UNKNOWN : zone);
    return new DistanceCalculator(topology, tables, Collections.unmodifiableMap(copy));
  }

  /** A snapshot without {@code host}; the same snapshot if it was not registered. */
  public DistanceCalculator withoutHost(String host) {
    if (!hostZones.containsKey(host)) {
      return this;
    }
    Map<String, String> copy = new HashMap<>(hostZones);
    copy.remove(host);
    return new DistanceCalculator(topology, tables, Collections.unmodifiableMap(copy));
  }

  /** A snapshot on a new topology (zones joined or left); the host registry is kept. */
  public DistanceCalculator withTopology(TopologySpec newTopology) {
    Objects.requireNonNull(newTopology, "topology");
    return new DistanceCalculator(newTopology, new ZoneTables(newTopology), hostZones);
  }

  /** Distance between two localities by the rules above; never throws (null means unknown). */
  public int distance(Locality a, Locality b) {
    return from(a).to(b);
  }

  /**
   * Zone-level distance: like {@link #distance} but hosts only serve to resolve zones, so the
   * same host counts as the intra-zone distance (see {@link DistancesFrom#zoneDistance}). This
   * is what load-spreading orders zones by.
   */
  public int zoneDistance(Locality a, Locality b) {
    return from(a).zoneDistance(b);
  }

  /** Distances from one origin (a data unit's locality), for evaluating many targets fast. */
  public DistancesFrom from(Locality origin) {
    Locality o = origin == null ? Locality.unknown() : origin;
    int zone = zoneIndexOf(o);
    return new DistancesFrom(this, o.hasHost() ? o.host() : null, tables.row(zone), zone);
  }

  /** The zone a host is registered in, or {@link Locality#UNKNOWN}. */
  public String zoneOf(String host) {
    return hostZones.getOrDefault(host, Locality.UNKNOWN);
  }

  /** Hosts registered in {@code zone}, sorted. */
  public Set<String> hostsIn(String zone) {
    Set<String> hosts = new TreeSet<>();
    hostZones.forEach((h, z) -> {
      if (z.equals(zone)) {
        hosts.add(h);
      }
    });
    return Collections.unmodifiableSet(hosts);
  }

  /** The host → zone registry of this snapshot (unmodifiable). */
  public Map<String, String> hosts() {
    return hostZones;
  }

  public TopologySpec topology() {
    return topology;
  }

  /** Whether both snapshots use the same precomputed zone tables (host changes keep them). */
  boolean sharesZoneTablesWith(DistanceCalculator other) {
    return tables == other.tables;
  }

  /** Resolved zone index of a locality, or {@link ZoneTables#unknownIndex()} if unresolved. */
  int zoneIndexOf(Locality l) {
    int z = tables.indexOf(l.zone());
    if (z != tables.unknownIndex()) {
      return z;
    }
    return l.hasHost() ? tables.indexOf(hostZones.getOrDefault(l.host(), Locality.UNKNOWN))
        : tables.unknownIndex();
  }

  private static String checkHost(String host) {
    if (host == null || host.isBlank() || Locality.UNKNOWN.equals(host)) {
      throw new IllegalArgumentException("host id must be a non-blank name other than '?', got '" + host + "'");
    }
    return host;
  }
}
