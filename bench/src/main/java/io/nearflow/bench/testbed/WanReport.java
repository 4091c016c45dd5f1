package io.nearflow.bench.testbed;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * report.md for a WAN EMULATION run, from its summary.json (and {@code analysis.md} next to it, the
 * hand-written reading, appended when present). {@code java -cp bench/target/nearflow-bench.jar
 * io.nearflow.bench.testbed.WanReport <dir>} re-renders it.
 */
public final class WanReport {
  private WanReport() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    JsonObject s = new JsonObject(Files.readString(dir.resolve("summary.json")));
    String md = render(s);
    Path analysis = dir.resolve("analysis.md");
    if (Files.exists(analysis)) {
      md += "\n" + Files.readString(analysis);
    }
    Files.writeString(dir.resolve("report.md"), md);
  }

  private static JsonObject withoutSlowest(JsonObject latency) {
    JsonObject c = latency.copy();
    c.remove("slowest");
    return c;
  }

  static String render(JsonObject s) {
    StringBuilder b = new StringBuilder();
    JsonObject em = s.getJsonObject("emulation");
    JsonObject m = s.getJsonObject("machine").getJsonObject("before");
    b.append("# WAN EMULATION baseline: the current design on emulated links\n\n");
    b.append("Command: `").append(s.getString("command")).append("` (as root), ").append(s.getString("date"))
        .append(", wall time ").append(Math.round(s.getDouble("wallSeconds"))).append(" s of measurement. Machine: ")
        .append(m.getInteger("cpus")).append(" cores (").append(m.getString("cpu", "?")).append("), Java ").append(m.getString("java"))
        .append(", load before ").append(m.getString("loadavg")).append(", after ")
        .append(s.getJsonObject("machine").getJsonObject("after").getString("loadavg")).append(".\n\n");
    b.append("## What was emulated\n\n").append(em.getString("what")).append("\n\n");
    b.append("- Links (paper topology, RTT / bandwidth): `").append(em.getJsonObject("links").encode()).append("`\n");
    b.append("- Subnets: `").append(em.getJsonObject("subnets").encode()).append("`\n");
    b.append("- Node JVMs: ").append(em.getInteger("nodeJvms")).append(", `").append(em.getJsonObject("hosts").fieldNames())
        .append("`; roles: ").append(em.getString("roles")).append("\n");
    b.append("- Hazelcast (bench XML + -D): `").append(em.getJsonObject("hazelcast").encode()).append("`\n");
    Object rs = em.getValue("relayStats");
    b.append("- Relay at the end: `").append(rs instanceof JsonObject j ? j.encode() : String.valueOf(rs)).append("`\n\n");

    JsonObject wan = s.getJsonObject("wan", new JsonObject());
    if (wan.containsKey("calibration")) {
      b.append("Check of the EMULATION from the client in edge1 (fresh connection + one request, best of 7, ms; expected about 0 / 40 / 160 "
          + "plus server time): `").append(wan.getJsonObject("calibration").encode()).append("`\n\n");
    }
    JsonObject chain = wan.getJsonObject("edgeLocalChainMs");
    if (chain != null) {
      JsonObject ctl = wan.getJsonObject("edgeLocalControlMs");
      JsonObject ov = wan.getJsonObject("edgeLocalOverheadMs");
      b.append("## 1. Edge-local 4-step echo chain (data and placement all in edge1)\n\n");
      b.append(wan.getString("edgeLocalNote")).append("\n\n");
      b.append("| delays | runs | makespan median ms | p90 ms | per-hop control p50 ms | p99 ms | overhead median ms | p90 ms |\n");
      b.append("|---|---|---|---|---|---|---|---|\n");
      for (String k : new String[] {"wanOn", "wanOff"}) {
        JsonObject c = chain.getJsonObject(k);
        b.append("| ").append(k.equals("wanOn") ? "on (edge-edge 20 ms, edge-cloud 80 ms RTT)" : "zero (same relay)").append(" | ")
            .append(c.getInteger("runs")).append(c.getInteger("failed") > 0 ? " (+" + c.getInteger("failed") + " failed)" : "")
            .append(" | ").append(c.getDouble("median")).append(" | ").append(c.getDouble("p90")).append(" | ")
            .append(ctl.getJsonObject(k).getDouble("p50")).append(" | ").append(ctl.getJsonObject(k).getDouble("p99")).append(" | ")
            .append(ov.getJsonObject(k).getDouble("median")).append(" | ").append(ov.getJsonObject(k).getDouble("p90")).append(" |\n");
      }
      b.append("\nRatio of medians (on / zero): **").append(chain.getDouble("ratio")).append("**. Hops ran on: `")
          .append(wan.getJsonObject("edgeLocalHopsByHost").encode()).append("`.\n\n");
      b.append("Per-run makespans, on: `").append(chain.getJsonObject("wanOn").getJsonArray("all").encode()).append("`; zero: `")
          .append(chain.getJsonObject("wanOff").getJsonArray("all").encode()).append("`.\n\n");
    }
    JsonObject sh = wan.getJsonObject("shuffle4_3x1MB");
    if (sh != null) {
      b.append("## 2. shuffle4, 3 x 1 MiB per edge zone, delays on\n\n");
      b.append("Makespan median ").append(sh.getLong("makespanMsMedian")).append(" ms, all `")
          .append(sh.getJsonObject("makespanMs").getJsonArray("all").encode()).append("` (one warm-up discarded); per-hop control `")
          .append(sh.getJsonObject("controlMs").encode()).append("`, data `").append(sh.getJsonObject("dataMs").encode())
          .append("`; hops by step@zone `").append(sh.getJsonObject("hopsByStepAndZone").encode()).append("`; failed runs ")
          .append(sh.getInteger("failedRuns")).append("; cross-zone TCP bytes (control and data) ").append(sh.getLong("crossZoneBytes"))
          .append(".\n\n");
    }
    JsonObject p = s.getJsonObject("partition", new JsonObject());
    if (p.containsKey("timeline")) {
      boolean two = p.containsKey("crossZone");
      b.append("## 3. Partition: edge1 cut off for ").append((p.getLong("healAtMs") - p.getLong("cutAtMs")) / 1000)
          .append(two ? " s under a stream of edge1-local runs and a stream of edge1->cloud1 runs\n\n"
              : " s under a stream of edge1-local runs\n\n").append(p.getString("note")).append("\n\n");
      b.append("| figure | value |\n|---|---|\n");
      for (String k : new String[] {"ratePreCut", "rateDuringCut", "rateDuringOverPreCut", "rateAfterHeal", "submitted", "succeeded",
          "duplicateOutputs", "slotsLeftBooked", "outboxDrainMs", "submitFailures", "stuckRunning", "recordsLost",
          "recordsMissingForAWhile"}) {
        if (p.containsKey(k)) {
          b.append("| ").append(k).append(" | ").append(p.getValue(k)).append(" |\n");
        }
      }
      if (p.containsKey("issue11")) {
        b.append("\nIssue 11's criteria: `").append(p.getJsonObject("issue11").encode()).append("`\n");
      }
      if (two) {
        b.append("\n| stream | submitted | accepted | succeeded | submit failures | still RUNNING | final states |\n|---|---|---|---|---|---|---|\n");
        for (String k : new String[] {"local", "crossZone"}) {
          JsonObject st = p.getJsonObject(k);
          b.append("| ").append(k.equals("local") ? "edge1-local (edgelocal4)" : "edge1->cloud1 (edge1cloud3)").append(" | ")
              .append(st.getInteger("submitted")).append(" | ").append(st.getInteger("accepted")).append(" | ")
              .append(st.getInteger("succeeded")).append(" | ").append(st.getInteger("submitFailures")).append(" | ")
              .append(st.getInteger("stuckRunning")).append(" | `").append(st.getJsonObject("finalStates").encode()).append("` |\n");
        }
        for (String k : new String[] {"local", "crossZone"}) {
          if (p.getJsonObject(k).containsKey("latencyMs")) {
            b.append("\nLatency of SUCCEEDED ").append(k).append(" runs by the phase they were submitted in (ms; accept = upload + start, "
                + "end = submission to endedAt; the slowest runs' hops are in summary.json): `")
                .append(withoutSlowest(p.getJsonObject(k).getJsonObject("latencyMs")).encode()).append("`\n");
          }
        }
        JsonObject x = p.getJsonObject("crossZone");
        b.append("\nedge1->cloud1 runs submitted before the heal: ").append(x.getInteger("submittedBeforeHeal"))
            .append("; their endedAt relative to the heal (ms, sorted): `").append(x.getJsonArray("endedAtAfterHealMs").encode())
            .append("`");
        if (!x.getJsonArray("notSucceededBeforeHeal").isEmpty()) {
          b.append("; NOT SUCCEEDED: `").append(x.getJsonArray("notSucceededBeforeHeal").encode()).append("`");
        }
        b.append(".\n");
        JsonArray dup = p.getJsonArray("duplicateOutputRuns", new JsonArray());
        if (!dup.isEmpty()) {
          b.append("\nRuns with more than one final output: `").append(dup.encode()).append("`\n");
        }
        JsonObject slots = p.getJsonObject("slots");
        if (slots != null) {
          JsonArray rd = slots.getJsonArray("readings");
          JsonObject lastReading = rd.getJsonObject(rd.size() - 1);
          b.append("\nSlots (topology per node, last of ").append(rd.size()).append(" readings): `")
              .append(lastReading.getJsonObject("perNode").encode()).append("`");
          if (!lastReading.getJsonArray("busyInstances").isEmpty()) {
            b.append("; booked: `").append(lastReading.getJsonArray("busyInstances").encode()).append("`");
          }
          b.append("\n");
        }
      } else {
        b.append("\nFinal states of accepted runs: `").append(p.getJsonObject("finalStates").encode()).append("`\n");
      }
      b.append("\nErrors seen by the client (count): \n\n");
      for (var e : p.getJsonObject("errors")) {
        b.append("- ").append(e.getValue()).append(" x `").append(e.getKey().replace('`', '\'')).append("`\n");
      }
      b.append("\n| t (s) | phase | submitted | accepted | succeeded | failed | running at end |")
          .append(two ? " x submitted | x succeeded | x failed | x running at end |" : "").append(" clusterSize seen by nodes |\n");
      b.append(two ? "|---|---|---|---|---|---|---|---|---|---|---|---|\n" : "|---|---|---|---|---|---|---|---|\n");
      JsonArray health = p.getJsonArray("clusterSize");
      JsonArray tl = p.getJsonArray("timeline");
      for (int i = 0; i < tl.size(); i++) {
        JsonObject t = tl.getJsonObject(i);
        String h = i < health.size() ? WanPartition.withoutAt(health.getJsonObject(i)) : "";
        b.append("| ").append(t.getLong("t")).append(" | ").append(t.getString("phase")).append(" | ").append(t.getInteger("submitted"))
            .append(" | ").append(t.getInteger("accepted")).append(" | ").append(t.getInteger("succeeded")).append(" | ")
            .append(t.getInteger("failed")).append(" | ").append(t.getInteger("running")).append(" | ");
        if (two) {
          b.append(t.getInteger("xSubmitted")).append(" | ").append(t.getInteger("xSucceeded")).append(" | ")
              .append(t.getInteger("xFailed")).append(" | ").append(t.getInteger("xRunning")).append(" | ");
        }
        b.append(h).append(" |\n");
      }
      b.append('\n');
    }
    JsonObject err = s.getJsonObject("errors", new JsonObject());
    if (!err.isEmpty()) {
      b.append("## Cases that failed\n\n");
      err.forEach(e -> b.append("- ").append(e.getKey()).append(": `").append(e.getValue()).append("`\n"));
    }
    return b.toString();
  }
}
