package io.nearflow.distance;

import io.nearflow.routing.DistanceCalculator;
import io.nearflow.routing.LinkSpec;
import io.nearflow.routing.TopologySpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The message form of the distance tables: the topology and the host-to-zone map. Receivers
 * rebuild a {@link DistanceCalculator} once per message (precomputed, O(1) per lookup after).
 */
public final class DistanceTables {
  private DistanceTables() {}

  public static JsonObject toJson(TopologySpec t, Map<String, String> hostZones, long version) {
    JsonObject distances = new JsonObject();
    t.distances().forEach((a, row) -> distances.put(a, new JsonObject(new HashMap<>(row))));
    JsonObject links = new JsonObject();
    t.links().forEach((a, row) -> {
      JsonObject r = new JsonObject();
      row.forEach((b, l) -> r.put(b, link(l)));
      links.put(a, r);
    });
    return new JsonObject().put("version", version)
        .put("topology", new JsonObject().put("name", t.name()).put("zones", new JsonArray(t.zones()))
            .put("intraZoneDistance", t.intraZoneDistance()).put("unknownDistance", t.unknownDistance())
            .put("distances", distances).put("links", links).put("intraZoneLink", link(t.intraZoneLink())))
        .put("hosts", new JsonObject(new HashMap<>(hostZones)));
  }

  private static JsonObject link(LinkSpec l) {
    return new JsonObject().put("rttMs", l.rttMs()).put("bandwidthMbps", l.bandwidthMbitPerSec());
  }

  private static LinkSpec link(JsonObject j) {
    return j == null ? LinkSpec.UNKNOWN : new LinkSpec(j.getDouble("rttMs", 0.0), j.getDouble("bandwidthMbps", 0.0));
  }

  public static TopologySpec topology(JsonObject tables) {
    JsonObject t = tables.getJsonObject("topology");
    Map<String, Map<String, Integer>> distances = new LinkedHashMap<>();
    t.getJsonObject("distances").forEach(e -> {
      Map<String, Integer> row = new LinkedHashMap<>();
      ((JsonObject) e.getValue()).forEach(c -> row.put(c.getKey(), ((Number) c.getValue()).intValue()));
      distances.put(e.getKey(), row);
    });
    Map<String, Map<String, LinkSpec>> links = new LinkedHashMap<>();
    t.getJsonObject("links", new JsonObject()).forEach(e -> {
      Map<String, LinkSpec> row = new LinkedHashMap<>();
      ((JsonObject) e.getValue()).forEach(c -> row.put(c.getKey(), link((JsonObject) c.getValue())));
      links.put(e.getKey(), row);
    });
    List<String> zones = t.getJsonArray("zones").stream().map(String::valueOf).toList();
    return new TopologySpec(t.getString("name"), zones, t.getInteger("intraZoneDistance"),
        t.getInteger("unknownDistance"), distances, links, link(t.getJsonObject("intraZoneLink")));
  }

  public static DistanceCalculator calculator(JsonObject tables) {
    Map<String, String> hosts = new HashMap<>();
    tables.getJsonObject("hosts").forEach(e -> hosts.put(e.getKey(), String.valueOf(e.getValue())));
    return DistanceCalculator.of(topology(tables), hosts);
  }
}
