package io.nearflow.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The topology file as data: zones, the intra-zone distance, the zone-to-zone distance matrix,
 * the fallback distance for unknown locality, and optional per-link RTT and bandwidth.
 *
 * <p>The matrix is symmetric; a pair may be written in either direction (or both, if the two
 * agree). Construction validates everything and throws {@link TopologyException} naming the
 * offending entry, so a {@code TopologySpec} that exists is always usable.
 */
public record TopologySpec(
    String name,
    List<String> zones,
    int intraZoneDistance,
    int unknownDistance,
    Map<String, Map<String, Integer>> distances,
    Map<String, Map<String, LinkSpec>> links,
    LinkSpec intraZoneLink) {

  public TopologySpec {
    name = name == null || name.isBlank() ? "unnamed" : name;
    zones = List.copyOf(Objects.requireNonNull(zones, "zones"));
    distances = deepCopy(distances);
    links = deepCopy(links);
    intraZoneLink = intraZoneLink == null ? LinkSpec.UNKNOWN : intraZoneLink;
    validate(zones, intraZoneDistance, unknownDistance, distances, links);
  }

  /** Distance between two distinct zones, as written in the matrix (either direction). */
  public int zoneDistance(String a, String b) {
    if (a.equals(b)) {
      return intraZoneDistance;
    }
    Integer d = lookup(distances, a, b);
    if (d == null) {
      throw new TopologyException("no distance between zones " + a + " and " + b);
    }
    return d;
  }

  /** Link characteristics between two zones (intra-zone link when equal); UNKNOWN if not given. */
  public LinkSpec link(String a, String b) {
    if (a.equals(b)) {
      return intraZoneLink;
    }
    LinkSpec l = lookup(links, a, b);
    return l == null ? LinkSpec.UNKNOWN : l;
  }

  public boolean hasZone(String zone) {
    return zones.contains(zone);
  }

  private static <T> T lookup(Map<String, Map<String, T>> m, String a, String b) {
    T v = m.getOrDefault(a, Map.of()).get(b);
    return v != null ? v : m.getOrDefault(b, Map.of()).get(a);
  }

  private static <T> Map<String, Map<String, T>> deepCopy(Map<String, Map<String, T>> m) {
    if (m == null) {
      return Map.of();
    }
    Map<String, Map<String, T>> copy = new LinkedHashMap<>();
    m.forEach((k, v) -> copy.put(k, v == null ? Map.of() : Map.copyOf(v)));
    return java.util.Collections.unmodifiableMap(copy);
  }

  private static void validate(
      List<String> zones,
      int intra,
      int unknown,
      Map<String, Map<String, Integer>> distances,
      Map<String, Map<String, LinkSpec>> links) {
    if (zones.isEmpty()) {
      throw new TopologyException("zones: at least one zone is required");
    }
    Set<String> seen = new LinkedHashSet<>();
    for (String z : zones) {
      if (z == null || z.isBlank()) {
        throw new TopologyException("zones: a zone name is empty");
      }
      if (!z.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
        throw new TopologyException(
            "zones: zone name '" + z + "' may only contain letters, digits, '.', '_' and '-'");
      }
      if (!seen.add(z)) {
        throw new TopologyException("zones: zone '" + z + "' is listed twice");
      }
    }
    if (intra <= 0) {
      throw new TopologyException("intraZoneDistance must be > 0 (0 is reserved for the same host), got " + intra);
    }
    checkKnownZones("distances", distances, seen);
    checkKnownZones("links", links, seen);
    List<String> missing = new ArrayList<>();
    int maxKnown = intra;
    for (int i = 0; i < zones.size(); i++) {
      for (int j = i + 1; j < zones.size(); j++) {
        String a = zones.get(i);
        String b = zones.get(j);
        Integer ab = distances.getOrDefault(a, Map.of()).get(b);
        Integer ba = distances.getOrDefault(b, Map.of()).get(a);
        if (ab == null && ba == null) {
          missing.add(a + "-" + b);
          continue;
        }
        if (ab != null && ba != null && !ab.equals(ba)) {
          throw new TopologyException(
              "distances: " + a + "->" + b + " is " + ab + " but " + b + "->" + a + " is " + ba
                  + "; distances are symmetric, give the pair once");
        }
        int d = ab != null ? ab : ba;
        if (d < 0) {
          throw new TopologyException("distances: " + a + "-" + b + " is negative (" + d + ")");
        }
        if (d <= intra) {
          throw new TopologyException(
              "distances: " + a + "-" + b + " is " + d + ", but every inter-zone distance must be"
                  + " greater than intraZoneDistance (" + intra + ")");
        }
        maxKnown = Math.max(maxKnown, d);
      }
    }
    if (!missing.isEmpty()) {
      throw new TopologyException("distances: missing zone pair(s) " + String.join(", ", missing));
    }
    distances.forEach((a, row) -> row.forEach((b, d) -> {
      if (a.equals(b)) {
        throw new TopologyException(
            "distances: " + a + "->" + a + " is not allowed; use intraZoneDistance for a zone itself");
      }
    }));
    if (unknown < maxKnown) {
      throw new TopologyException(
          "unknownDistance (" + unknown + ") must not be smaller than the largest known distance ("
              + maxKnown + "): unknown locality may never beat a known match");
    }
  }

  private static void checkKnownZones(String field, Map<String, ? extends Map<String, ?>> m, Set<String> zones) {
    m.forEach((a, row) -> {
      if (!zones.contains(a)) {
        throw new TopologyException(field + ": unknown zone '" + a + "' (zones are " + zones + ")");
      }
      row.keySet().forEach(b -> {
        if (!zones.contains(b)) {
          throw new TopologyException(field + ": " + a + "->" + b + " names unknown zone '" + b + "' (zones are " + zones + ")");
        }
      });
    });
  }
}
