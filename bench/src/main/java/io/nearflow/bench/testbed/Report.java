package io.nearflow.bench.testbed;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** report.md from summary.json (the charts are {@link ReportCharts}); appends analysis.md if present. */
final class Report {
  /** The article's figures (figures.md), ms: {argoRegionLo, argoRegionHi, greedyLo, greedyHi, lsLo, lsHi}. */
  static final Map<String, double[]> ARTICLE = new LinkedHashMap<>();

  static {
    ARTICLE.put("3x1MB", new double[] {27428, 28461, 4707, 9955, 4300, 7868});
    ARTICLE.put("3x10MB", new double[] {51407, 52016, 34000, 36000, 22500, 25000});
    ARTICLE.put("2x10MB", new double[] {41573, 42935, 24000, 24000, 19300, 19900});
    ARTICLE.put("3x100MB", new double[] {268307, 281524, 312000, 320000, 209600, 212700});
    ARTICLE.put("2x100MB", new double[] {190778, 194412, 223000, 228000, 167500, 170300});
  }

  static final List<String> MODES = List.of("load-spreading", "greedy", "round-robin", "ephemeral");
  static final Map<String, String> COLORS = Map.of("load-spreading", "#1b7837", "greedy", "#5aae61", "round-robin", "#9970ab",
      "ephemeral", "#d6604d");

  private Report() {}

  static String f(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
  }

  static double mid(double lo, double hi) {
    return (lo + hi) / 2;
  }

  static void write(Path out, JsonObject s) throws IOException {
    JsonArray cases = s.getJsonArray("cases");
    Map<String, Map<String, JsonObject>> byCase = new LinkedHashMap<>();
    for (Object o : cases) {
      JsonObject c = (JsonObject) o;
      byCase.computeIfAbsent(c.getString("case"), k -> new LinkedHashMap<>()).put(c.getString("mode"), c);
    }
    StringBuilder md = new StringBuilder();
    JsonObject em = s.getJsonObject("emulation");
    JsonObject cpu = em.getJsonObject("cpu");
    md.append("# Nearflow on the emulated three-zone testbed (").append(s.getString("mode")).append(" mode)\n\n");
    md.append("Command: `").append(s.getString("command")).append("` (wall time ").append(f(s.getDouble("wallSeconds")))
        .append(" s). Generated from `summary.json` by `io.nearflow.bench.testbed.Report`.\n\n");
    JsonObject mb = s.getJsonObject("machine").getJsonObject("before");
    md.append("Machine: ").append(mb.getInteger("cpus")).append(" cores (").append(mb.getString("cpu", "?")).append("), Java ")
        .append(mb.getString("java")).append(". Shared with other sessions' builds and tests: load average before `")
        .append(mb.getString("loadavg")).append("`, after `").append(s.getJsonObject("machine").getJsonObject("after").getString("loadavg"))
        .append("`. Absolute times are noisy; the ratios between modes are the result.\n\n");
    md.append("## Emulation (all of it lives in `bench/`, switched on by the bench alone)\n\n");
    md.append("- **Hosts**: each of the 6 emulated hosts (edge1-a/b, edge2-a/b, cloud1-a/b) is its own JVM (`BenchNode`, roles `all`, "
        + "one `shuffle` and one `echo` instance with 3 slots each, step 4 only in cloud1 via the `shuffle4` and `echo4` workflows' "
        + "placement).\n");
    md.append("- **CPU budget** (EMULATION): cgroup v1 CFS quota ").append(cpu.getBoolean("cgroupV1") ? "ON" : "UNAVAILABLE (ran without)")
        .append(": `cpu.cfs_quota_us=").append(cpu.getLong("quotaUs")).append("` per `cpu.cfs_period_us=").append(cpu.getLong("periodUs"))
        .append("`, i.e. ").append(f(cpu.getDouble("coresPerHost"))).append(" core per host, so six hosts fit the 2 real cores. ")
        .append("The quota is lifted while the node JVMs start and set before the warm-up run. The ephemeral model's per-hop JVMs "
            + "run in the same per-host groups. The micro case runs without a quota and without link EMULATION, in one JVM and across 3 JVMs.\n");
    md.append("- **Links** (EMULATION, user space, no netem): a TCP relay (`EmulatedLinkRelay`) in front of every node's HTTP server; "
        + "the node publishes the relay's URL as its `http` endpoint, so every peer pull crosses it. The relay finds the "
        + "connecting host from /proc/net/tcp (each node JVM runs under its own uid via setpriv, so the client socket's uid "
        + "names the host; fallback: socket inode -> node JVM pid), delays each direction by RTT/2, adds one RTT "
        + "per new connection (TCP set-up), and paces bytes on a wire shared per (from-zone, to-zone) direction, each "
        + "connection with at most a 2 MiB window booked on it so concurrent transfers share the wire. Parameters: ");
    em.getJsonObject("links").forEach(e -> {
      JsonObject l = (JsonObject) e.getValue();
      md.append(e.getKey()).append(" ").append(f(l.getDouble("rttMs"))).append(" ms / ").append(f(l.getDouble("bandwidthMbps")))
          .append(" Mbit/s; ");
    });
    md.append("\n  Emulated on: ").append(em.getString("linkEmulatedOn")).append(". TCP windows/slow start/loss are not modelled.\n");
    md.append("- **Relay bookkeeping**: ").append(em.getJsonObject("relays").encode()).append("\n");
    md.append("- **Ephemeral baseline** = a MODEL of Argo-style execution (not Argo): a fresh JVM per hop in a host of the step's zone "
        + "(region locality), input copied from the zone's shared store into the process's scratch dir and the output copied back, "
        + "step-4 input copied across the emulated edge->cloud1 link, and a controller that notices a finished step by polling "
        + "every 1 s. No pod scheduling, image pull or API server: a lower bound for Argo's per-step cost.\n\n");

    md.append("## Results (makespan per batch, ms; both edge zones inject N files of size S at once)\n\n");
    md.append("| case | mode | makespan median (min-max) | cross-zone bytes / minimal | control ms p50 / p99 | data ms mean | compute ms mean | pulls local/remote | failed runs |\n");
    md.append("|---|---|---|---|---|---|---|---|---|\n");
    List<JsonObject> rows = new ArrayList<>();
    for (var ce : byCase.entrySet()) {
      for (String m : MODES) {
        if (ce.getValue().get(m) != null) {
          rows.add(ce.getValue().get(m));
        }
      }
    }
    for (Object o : s.getJsonArray("echoCases", new JsonArray())) {
      rows.add((JsonObject) o);
    }
    for (JsonObject c : rows) {
      String m = c.getString("mode");
      String label = c.containsKey("workflow") ? c.getString("workflow") + " " + c.getString("case") : c.getString("case");
      JsonObject ms = c.getJsonObject("makespanMs");
      md.append("| ").append(label).append(" | ").append(m).append(" | ").append(ms.getLong("median")).append(" (")
          .append(ms.getLong("min")).append("-").append(ms.getLong("max")).append(") | ")
          .append(f((double) c.getLong("crossZoneBytes") / c.getLong("minimalCrossZoneBytes"))).append("x | ")
          .append(f(c.getJsonObject("controlMs").getDouble("p50"))).append(" / ").append(f(c.getJsonObject("controlMs").getDouble("p99")))
          .append(" | ").append(f(c.getJsonObject("dataMs").getDouble("mean"))).append(" | ")
          .append(f(c.getJsonObject("computeMs").getDouble("mean"))).append(" | ")
          .append(c.getJsonObject("pulls").getInteger("local")).append("/").append(c.getJsonObject("pulls").getInteger("remote"))
          .append(" | ").append(c.getInteger("failedRuns")).append(" |\n");
    }
    md.append("\nCases without a workflow name run shuffle4; echo4 is the same chain with echo steps (its time split is below).\n");
    md.append("\n![makespan](makespan.svg)\n\n");

    md.append("## Ratios, side by side with the article (figures.md, midpoints of the published ranges)\n\n");
    md.append("| case | ephemeral / LS (ours) | Argo / LS (article) | greedy / LS (ours) | greedy / LS (article) | round-robin / LS (ours) | LS ours / LS article |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    for (var ce : byCase.entrySet()) {
      Map<String, JsonObject> m = ce.getValue();
      double ls = med(m.get("load-spreading"));
      double[] a = ARTICLE.get(ce.getKey());
      md.append("| ").append(ce.getKey()).append(" | ").append(ratio(med(m.get("ephemeral")), ls)).append(" | ")
          .append(a == null ? "-" : f(mid(a[0], a[1]) / mid(a[4], a[5]))).append(" | ")
          .append(ratio(med(m.get("greedy")), ls)).append(" | ").append(a == null ? "-" : f(mid(a[2], a[3]) / mid(a[4], a[5])))
          .append(" | ").append(ratio(med(m.get("round-robin")), ls)).append(" | ")
          .append(a == null ? "-" : ratio(ls, mid(a[4], a[5]))).append(" |\n");
    }
    md.append("\nLS = Nearflow load-spreading. The article's testbed: 2-vCPU Azure VMs in three regions; ours: ")
        .append(f(cpu.getDouble("coresPerHost"))).append(" core per host on one shared machine, so absolute times differ.\n\n");

    md.append(figure9(byCase, s.getJsonArray("echoCases", new JsonArray())));
    JsonArray split = s.getJsonArray("timeSplit");
    if (split == null) { // a summary.json written before the time split had its own array
      split = TimeSplit.of(cases, s.getJsonArray("echoCases", new JsonArray()));
    }
    md.append(timeSplit(split));
    JsonObject cont = s.getJsonObject("continuum");
    if (cont != null && !cont.isEmpty()) {
      md.append("## The continuum: N units of 4 MiB injected at edge1-a, one shuffle step; hops per instance class\n\n");
      md.append("| mode | injections | data host | same zone | next zone (edge2) | far zone (cloud1) | makespan ms |\n|---|---|---|---|---|---|---|\n");
      cont.forEach(e -> {
        for (Object o : (JsonArray) e.getValue()) {
          JsonObject r = (JsonObject) o;
          JsonObject b = r.getJsonObject("hopsBy");
          md.append("| ").append(e.getKey()).append(" | ").append(r.getInteger("injections")).append(" | ")
              .append(b.getInteger("dataHost")).append(" | ").append(b.getInteger("sameZone")).append(" | ")
              .append(b.getInteger("nextZone(edge2)")).append(" | ").append(b.getInteger("farZone(cloud1)")).append(" | ")
              .append(r.getLong("makespanMs")).append(" |\n");
        }
      });
      md.append("\nEach instance has 3 slots. The article: instances are used in the order data host, same-zone host, "
          + "next-closest zone, farthest zone.\n\n");
    }
    JsonArray variants = s.getJsonArray("variants");
    if (variants != null && !variants.isEmpty()) {
      md.append("## Hard links and connection re-use (load-spreading; compare with the load-spreading rows above)\n\n");
      md.append("| variant | case | makespan median (min-max) | pull ms p50 / p99 | data ms mean | pull methods |\n|---|---|---|---|---|---|\n");
      for (Object o : variants) {
        JsonObject v = (JsonObject) o;
        JsonObject ms = v.getJsonObject("makespanMs");
        md.append("| ").append(v.getString("variant")).append(" | ").append(v.getString("case")).append(" | ")
            .append(ms.getLong("median")).append(" (").append(ms.getLong("min")).append("-").append(ms.getLong("max")).append(") | ")
            .append(f(v.getJsonObject("pullMs").getDouble("p50"))).append(" / ").append(f(v.getJsonObject("pullMs").getDouble("p99")))
            .append(" | ").append(f(v.getJsonObject("dataMs").getDouble("mean"))).append(" | ")
            .append(v.getJsonObject("pullMethods").encode()).append(" |\n");
      }
      md.append("\nhardLinks-off = the agents' work dirs on tmpfs (/dev/shm), the stores on disk: links fail with EXDEV and the "
          + "adapter copies (an EMULATION of 'hard links off'; the product has no switch). keepAlive-off = "
          + "`adapters.local-fs.keepAlive: false`.\n\n");
    }
    JsonObject micro = s.getJsonObject("micro");
    md.append("## Micro (echo4 workflow, 4 echo steps on 1 KiB units, nodes edge1-a, edge2-a, cloud1-a, no quota, no link EMULATION)\n\n");
    md.append("**One JVM** (EmbeddedCluster: the 3 nodes and the load generator in one JVM):\n\n");
    md.append(microLines(micro));
    JsonObject across = micro.getJsonObject("acrossJvms");
    md.append("\n**Across JVMs** (the driver JVM hosts edge1-a with all roles and the load generator; edge2-a and cloud1-a are "
        + "child JVMs running `io.nearflow.Main node`, joined over loopback):\n\n");
    md.append(microLines(across));
    md.append("\n## Goals (measured, never asserted in tests)\n\n");
    md.append(goals(byCase, micro));
    Path analysis = out.resolve("analysis.md");
    if (Files.exists(analysis)) {
      md.append("\n").append(Files.readString(analysis));
    }
    Files.writeString(out.resolve("report.md"), md.toString());
    Files.writeString(out.resolve("makespan.svg"), ReportCharts.makespanSvg(byCase));
    Files.writeString(out.resolve("timesplit.svg"), ReportCharts.splitSvg(split));
  }

  private static double med(JsonObject c) {
    return c == null ? Double.NaN : c.getJsonObject("makespanMs").getLong("median");
  }

  private static String ratio(double a, double b) {
    return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? "-" : f(a / b);
  }

  private static String goals(Map<String, Map<String, JsonObject>> byCase, JsonObject micro) {
    StringBuilder g = new StringBuilder();
    Map<String, JsonObject> small = byCase.get("3x1MB");
    if (small != null && small.get("ephemeral") != null) {
      double r = med(small.get("ephemeral")) / med(small.get("load-spreading"));
      g.append("- 3 x 1 MB, Nearflow >= 10x faster than the ephemeral model: ").append(r >= 10 ? "**met**" : "**missed**")
          .append(" (").append(f(r)).append("x").append(r >= 10 ? "" : ", short by " + f(10 / r) + "x").append(")\n");
    }
    for (String mode : List.of("load-spreading", "greedy")) {
      StringBuilder bad = new StringBuilder();
      StringBuilder slow = new StringBuilder();
      int present = 0;
      int compared = 0;
      for (var ce : byCase.entrySet()) {
        JsonObject c = ce.getValue().get(mode);
        if (c == null) {
          continue;
        }
        present++;
        double x = (double) c.getLong("crossZoneBytes") / c.getLong("minimalCrossZoneBytes");
        if (x > 1.1) {
          bad.append(ce.getKey()).append(" ").append(f(x)).append("x; ");
        }
        JsonObject rr = ce.getValue().get("round-robin");
        compared += rr == null ? 0 : 1;
        if (rr != null && med(c) >= med(rr)) {
          slow.append(ce.getKey()).append(" (").append(f(med(c) / med(rr))).append("x of round-robin); ");
        }
      }
      if (present == 0) {
        continue;
      }
      g.append("- Locality on (").append(mode).append("), cross-zone bytes <= 1.1 x minimal: ")
          .append(bad.length() == 0 ? "**met** in every case" : "**missed**: " + bad).append("; faster than round-robin in every case: ")
          .append(compared == 0 ? "not measured (no round-robin run)" : slow.length() == 0 ? "**met**" : "**missed**: " + slow)
          .append("\n");
    }
    // CPU-bound = the shuffle cases of 10 MB and more (the article's 1.45x is at 3 x 10 MB)
    for (var ce : byCase.entrySet()) {
      Map<String, JsonObject> m = ce.getValue();
      if (sizeOf(m) < 10L * 1024 * 1024 || m.get("greedy") == null || m.get("load-spreading") == null) {
        continue;
      }
      double r = med(m.get("greedy")) / med(m.get("load-spreading"));
      double[] a = ARTICLE.get(ce.getKey());
      g.append("- Load-spreading no slower than greedy when CPU-bound (").append(ce.getKey().replace("x", " x ").replace("MB", " MB"))
          .append("): ").append(r >= 1 ? "**met**" : "**missed**").append(" (greedy / LS = ").append(f(r)).append("x")
          .append(r >= 1 ? "" : ", LS slower by " + f(1 / r) + "x")
          .append(a == null ? "" : "; the article: " + f(mid(a[2], a[3]) / mid(a[4], a[5])) + "x").append(")\n");
    }
    g.append(microGoals("one JVM", micro));
    JsonObject across = micro.getJsonObject("acrossJvms");
    if (across != null) {
      g.append(microGoals("across JVMs", across));
    }
    return g.toString();
  }

  private static boolean measured(JsonObject micro) {
    return micro != null && micro.getJsonObject("detail") != null && micro.getJsonObject("detail").containsKey("saturation");
  }

  private static String microGoals(String layout, JsonObject micro) {
    if (!measured(micro)) {
      return "- Micro goals (" + layout + "): not measured in this run" + (micro != null && micro.getValue("detail") != null
          ? " (it failed: see summary.json)" : "") + "\n";
    }
    StringBuilder g = new StringBuilder();
    double sat = micro.getDouble("saturationHopsPerSec", 0.0);
    JsonObject half = micro.getJsonObject("controlMsAtHalfLoad");
    g.append("- ").append(layout).append(": control overhead at half load p50 <= 1 ms: ")
        .append(half.getDouble("p50") <= 1 ? "**met**" : "**missed**")
        .append(" (").append(f(half.getDouble("p50"))).append(" ms); p99 <= 10 ms: ")
        .append(half.getDouble("p99") <= 10 ? "**met**" : "**missed**").append(" (").append(f(half.getDouble("p99"))).append(" ms)\n");
    g.append("- ").append(layout).append(": >= 3,000 hops/s at saturation: ").append(sat >= 3000 ? "**met**" : "**missed**")
        .append(" (").append(f(sat)).append(" hops/s").append(sat >= 3000 || sat == 0 ? "" : ", " + f(3000 / sat) + "x short").append(")\n");
    return g.toString();
  }

  /** Saturation and half-load lines of one micro layout. */
  private static String microLines(JsonObject micro) {
    if (micro == null || micro.getValue("detail") == null) {
      return "- not run (`bench.micro`; the quick mode runs the one-JVM micro only)\n";
    }
    StringBuilder md = new StringBuilder();
    md.append("- Saturation: **").append(f(micro.getDouble("saturationHopsPerSec"))).append(" hops/s**");
    if (!measured(micro)) {
      return md.append(" (micro run failed: see summary.json)\n").toString();
    }
    JsonObject det = micro.getJsonObject("detail");
    JsonObject sat = det.getJsonObject("saturation");
    md.append(" (closed loop, best of ").append(sat.getJsonArray("sweep", new JsonArray()).encode()).append("; ")
        .append(sat.getInteger("concurrency")).append(" runs in flight, ").append(f(sat.getDouble("seconds")))
        .append(" s; ").append(f(sat.getDouble("cpuMsPerHop", 0.0))).append(" ms of CPU per hop over all nodes and the driver, ")
        .append(f(sat.getDouble("coresUsed", 0.0))).append(" cores busy; hop control p50/p99 at saturation ").append(f(sat.getJsonObject("controlMs").getDouble("p50"))).append(" / ")
        .append(f(sat.getJsonObject("controlMs").getDouble("p99"))).append(" ms)");
    JsonObject half = det.getJsonObject("halfLoad");
    md.append("\n- Half load (open loop, ").append(f(half.getDouble("hopsPerSecOffered"))).append(" hops/s offered): control p50 **")
        .append(f(half.getJsonObject("controlMs").getDouble("p50"))).append(" ms**, p99 **")
        .append(f(half.getJsonObject("controlMs").getDouble("p99"))).append(" ms** (hop ready to done, minus data and compute; from routing on: p50 ")
        .append(f(half.getJsonObject("controlAfterRoutingMs", new JsonObject()).getDouble("p50", 0.0))).append(" / p99 ")
        .append(f(half.getJsonObject("controlAfterRoutingMs", new JsonObject()).getDouble("p99", 0.0))).append(" ms); hop total p50/p99 ")
        .append(f(half.getJsonObject("totalMs").getDouble("p50"))).append(" / ").append(f(half.getJsonObject("totalMs").getDouble("p99")))
        .append(" ms, data p50 ").append(f(half.getJsonObject("dataMs").getDouble("p50"))).append(" ms, compute p50 ")
        .append(f(half.getJsonObject("computeMs").getDouble("p50"))).append(" ms (")
        .append(half.getInteger("hopRecords")).append(" hops)\n");
    JsonObject segments = half.getJsonObject("controlSegmentsMs");
    if (segments != null) {
      md.append("- Where the half-load control time goes, p50 (p99) ms: ready -> routed (the run change admitting the hop, ")
          .append("routing) ").append(p50p99(segments.getJsonObject("readyToRouted")))
          .append("; routed -> agent pulling (booking, dispatch) ").append(p50p99(segments.getJsonObject("routedToAgentPull")))
          .append("; agent done -> orchestrator has the outcome ").append(p50p99(segments.getJsonObject("agentPushEndToCompleted")))
          .append("\n");
    }
    if (sat.containsKey("tcpSegmentsPerHop")) {
      md.append("- Messages: ").append(f(sat.getDouble("tcpSegmentsPerHop"))).append(" TCP segments sent per hop at saturation ")
          .append("(all of this machine's loopback traffic: event-bus messages, Hazelcast operations, backups and events)");
      JsonObject w = det.getJsonObject("warmup");
      if (w != null) {
        md.append("; warm-up ").append(f(w.getDouble("seconds"))).append(" s, the JIT busy ")
            .append(f(w.getDouble("jitShareLastRound") * 100)).append("% of its last 5 s round");
      }
      md.append("\n");
    }
    return md.toString();
  }

  private static String p50p99(JsonObject p) {
    return p == null ? "-" : f(p.getDouble("p50")) + " (" + f(p.getDouble("p99")) + ")";
  }

  /**
   * Figure 9: every case present (1, 10 and, in full mode, 100 MB), locality on (load-spreading)
   * against off (round-robin); a mode that did not run shows as "-" rather than hiding the case.
   * The echo case sits next to the article's echo figures, which is what they measured.
   */
  static String figure9(Map<String, Map<String, JsonObject>> byCase, JsonArray echoCases) {
    StringBuilder md = new StringBuilder();
    md.append("## Figure 9: time moving data per hop, with locality (load-spreading) and without (round-robin)\n\n");
    md.append("| workflow | case | unit size | data ms/hop mean, locality | without | without / with | article without / with "
        + "| pull ms p50, locality | without |\n|---|---|---|---|---|---|---|---|---|\n");
    List<Map.Entry<String, Map<String, JsonObject>>> rows = new ArrayList<>(byCase.entrySet());
    Map<String, Map<String, JsonObject>> echo = new LinkedHashMap<>();
    for (Object o : echoCases) {
      JsonObject c = (JsonObject) o;
      echo.computeIfAbsent(c.getString("case"), k -> new LinkedHashMap<>()).put(c.getString("mode"), c);
    }
    rows.sort(java.util.Comparator.comparingLong(e -> sizeOf(e.getValue())));
    for (var ce : rows) {
      md.append(figure9Row("shuffle4", ce.getKey(), ce.getValue()));
    }
    for (var ce : echo.entrySet()) {
      md.append(figure9Row(EchoCase.NAME, ce.getKey(), ce.getValue()));
    }
    md.append("\nThe article (figures.md, echo steps, locality, pooling and hard links switched on together): data 644 -> 248 ms "
        + "per hop at 1 MiB (2.60x), 2,808 -> 1,277 ms at 100 MiB (2.20x). Our \"without\" is round-robin (locality off, "
        + "connection re-use and hard links still on).\n\n");
    return md.toString();
  }

  private static long sizeOf(Map<String, JsonObject> modes) {
    return modes.values().stream().mapToLong(c -> c.getLong("sizeBytes", 0L)).findFirst().orElse(0);
  }

  private static String figure9Row(String workflow, String name, Map<String, JsonObject> modes) {
    JsonObject ls = modes.get("load-spreading");
    JsonObject rr = modes.get("round-robin");
    long mib = sizeOf(modes) / (1024 * 1024);
    double lsData = ls == null ? Double.NaN : ls.getJsonObject("dataMs").getDouble("mean");
    double rrData = rr == null ? Double.NaN : rr.getJsonObject("dataMs").getDouble("mean");
    String article = mib == 1 ? "2.60x (echo)" : mib == 100 ? "2.20x (echo)" : "-";
    return "| " + workflow + " | " + name + " | " + (mib > 0 ? mib + " MiB" : "?") + " | " + num(lsData) + " | " + num(rrData)
        + " | " + (Double.isNaN(lsData) || Double.isNaN(rrData) ? "-" : f(rrData / lsData) + "x") + " | " + article + " | "
        + (ls == null ? "-" : f(ls.getJsonObject("pullMs").getDouble("p50"))) + " | "
        + (rr == null ? "-" : f(rr.getJsonObject("pullMs").getDouble("p50"))) + " |\n";
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "-" : f(v);
  }

  /** The per-hop split table, with the article's figures and our / article ratios where it gives them. */
  static String timeSplit(JsonArray split) {
    StringBuilder md = new StringBuilder();
    md.append("## Time split per hop: data / compute / control, echo and shuffle steps\n\n");
    md.append("| workflow | case | mode | hops | data ms mean | compute ms mean | control ms mean (p50 / p99) | total ms mean "
        + "| pulls local/remote | article row | article data / compute / control / total | ours / article: data, compute, control, total |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Object o : split) {
      JsonObject e = (JsonObject) o;
      JsonObject ctl = e.getJsonObject("controlMs");
      JsonObject total = e.getJsonObject("totalMs");
      md.append("| ").append(e.getString("workflow")).append(" | ").append(e.getString("case")).append(" | ").append(e.getString("mode"))
          .append(" | ").append(e.getInteger("hops", 0)).append(" | ").append(f(TimeSplit.mean(e, "dataMs"))).append(" | ")
          .append(f(TimeSplit.mean(e, "computeMs"))).append(" | ").append(f(ctl.getDouble("mean", 0.0))).append(" (")
          .append(f(ctl.getDouble("p50"))).append(" / ").append(f(ctl.getDouble("p99"))).append(") | ")
          .append(total == null ? "-" : f(total.getDouble("mean", 0.0))).append(" | ")
          .append(e.getJsonObject("pulls").getInteger("local")).append("/").append(e.getJsonObject("pulls").getInteger("remote"))
          .append(" | ");
      JsonObject a = e.getJsonObject("article");
      if (a == null) {
        md.append("- | - | - |\n");
        continue;
      }
      JsonObject r = e.getJsonObject("oursOverArticle");
      md.append(a.getString("row")).append(" | ").append(f(a.getDouble("dataMs"))).append(" / ").append(f(a.getDouble("computeMs")))
          .append(" / ").append(f(a.getDouble("controlMs"))).append(" / ").append(f(a.getDouble("totalMs"))).append(" | ")
          .append(f(r.getDouble("dataMs"))).append("x, ").append(f(r.getDouble("computeMs"))).append("x, ")
          .append(f(r.getDouble("controlMs"))).append("x, ").append(f(r.getDouble("totalMs"))).append("x |\n");
    }
    md.append("\ndata = pull + push, compute = the step's own time, control = total - data - compute (the same definitions as "
        + "figures.md). Ours run on 1/3-core hosts with EMULATION of the links on the data path only: control traffic crosses "
        + "zones at loopback speed, which lowers our control time against the article's 2-vCPU VMs in three Azure regions. "
        + "Compute ratios compare step implementations (the article's .NET shuffle and echo) as much as hosts. The "
        + "article's split figures are averages over its runs; its 10 MiB shuffle rows do not say how many files per zone, "
        + "so both 10 MB cases are compared with them.\n\n");
    md.append("![time split per hop](timesplit.svg)\n\n");
    return md.toString();
  }

  /** Re-renders report.md and the charts from an existing summary.json: {@code Report <dir>}. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    write(dir, new JsonObject(Files.readString(dir.resolve("summary.json"))));
  }
}
