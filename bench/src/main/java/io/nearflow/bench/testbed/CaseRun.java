package io.nearflow.bench.testbed;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One measured iteration of one case in one mode: makespan, bytes, and every hop's time split. */
final class CaseRun {
  long makespanMs;
  long crossZoneBytes;
  Map<String, Long> bytesByLink = new TreeMap<>();
  int runsSucceeded;
  int runsFailed;
  final List<Double> control = new ArrayList<>();
  final List<Double> data = new ArrayList<>();
  final List<Double> compute = new ArrayList<>();
  final List<Double> pull = new ArrayList<>();
  final List<Double> total = new ArrayList<>();
  int localPulls;
  int remotePulls;
  final Map<String, Integer> hopsByStepAndZone = new TreeMap<>();
  final Map<String, Integer> pullMethods = new TreeMap<>();
  /** Hops that needed more than one attempt: "step@host attempt N". */
  final List<String> retried = new ArrayList<>();
  /** host -> hops it ran (continuum case). */
  final Map<String, Integer> hopsByHost = new TreeMap<>();

  void addHop(JsonObject hop) {
    JsonObject d = hop.getJsonObject("durationsMs");
    control.add(d.getDouble("control"));
    data.add(d.getDouble("data"));
    compute.add(d.getDouble("compute"));
    pull.add(d.getDouble("pull", 0.0));
    total.add(d.getDouble("total"));
    String method = hop.getString("pullMethod", "");
    if (method.equals("HARD_LINK") || method.equals("COPY")) {
      localPulls++;
    } else {
      remotePulls++;
    }
    pullMethods.merge(method, 1, Integer::sum);
    hopsByStepAndZone.merge(hop.getString("step") + "@" + hop.getString("instanceZone"), 1, Integer::sum);
    hopsByHost.merge(hop.getString("instanceHost", "?"), 1, Integer::sum);
    if (hop.getInteger("attempt", 1) > 1) {
      retried.add(hop.getString("step") + "@" + hop.getString("instanceHost", "?") + " attempt " + hop.getInteger("attempt"));
    }
  }
}
