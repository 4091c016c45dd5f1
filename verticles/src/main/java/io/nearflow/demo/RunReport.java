package io.nearflow.demo;

import io.nearflow.adapters.TransferStats;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Summarises ended runs (as the work tracker returns them, with their hops) and the nodes'
 * transfer counters into the demo's JSON: runs, hops, pulls, crossZoneBytes, and control / data /
 * compute time per hop (data = pull + push, compute = the step's own time, control = the rest).
 */
public final class RunReport {
  private RunReport() {}

  public static JsonObject of(List<JsonObject> runs, List<TransferStats.Snapshot> transfers, long makespanMs) {
    int succeeded = 0;
    int failed = 0;
    int local = 0;
    int remote = 0;
    List<Double> control = new ArrayList<>();
    List<Double> data = new ArrayList<>();
    List<Double> compute = new ArrayList<>();
    Map<String, Integer> hopsByZone = new TreeMap<>();
    int hops = 0;
    for (JsonObject run : runs) {
      if ("SUCCEEDED".equals(run.getString("state"))) {
        succeeded++;
      } else {
        failed++;
      }
      for (Object o : run.getJsonArray("hops")) {
        JsonObject hop = (JsonObject) o;
        if (!"SUCCEEDED".equals(hop.getString("state"))) {
          continue;
        }
        hops++;
        String method = hop.getString("pullMethod", "");
        if (method.equals("HARD_LINK") || method.equals("COPY")) {
          local++;
        } else {
          remote++;
        }
        JsonObject d = hop.getJsonObject("durationsMs");
        control.add(d.getDouble("control"));
        data.add(d.getDouble("data"));
        compute.add(d.getDouble("compute"));
        hopsByZone.merge(hop.getString("step") + "@" + hop.getString("instanceZone"), 1, Integer::sum);
      }
    }
    Map<String, Long> cross = new TreeMap<>();
    for (TransferStats.Snapshot s : transfers) {
      s.networkBytes().forEach((pair, bytes) -> {
        if (pair.crossesZones()) {
          cross.merge(pair.fromZone() + "->" + pair.toZone(), bytes, Long::sum);
        }
      });
    }
    return new JsonObject()
        .put("runs", new JsonObject().put("submitted", runs.size()).put("succeeded", succeeded).put("failed", failed))
        .put("hops", hops)
        .put("pulls", new JsonObject().put("local", local).put("remote", remote))
        .put("crossZoneBytes", new JsonObject(new java.util.HashMap<>(cross)))
        .put("controlMs", Percentiles.p50p99(toArray(control)))
        .put("dataMs", Percentiles.p50p99(toArray(data)))
        .put("computeMs", Percentiles.p50p99(toArray(compute)))
        .put("hopsByStepAndZone", new JsonObject(new java.util.HashMap<>(hopsByZone)))
        .put("makespanMs", makespanMs);
  }

  private static double[] toArray(List<Double> l) {
    return l.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
