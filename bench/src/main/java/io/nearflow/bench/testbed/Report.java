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

/** report.md and two hand-written SVG charts from summary.json; appends analysis.md if present. */
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
        + "one `shuffle` instance with 3 slots, step 4 only in cloud1 via the `shuffle4` workflow's placement).\n");
    md.append("- **CPU budget** (EMULATION): cgroup v1 CFS quota ").append(cpu.getBoolean("cgroupV1") ? "ON" : "UNAVAILABLE (ran without)")
        .append(": `cpu.cfs_quota_us=").append(cpu.getLong("quotaUs")).append("` per `cpu.cfs_period_us=").append(cpu.getLong("periodUs"))
        .append("`, i.e. ").append(f(cpu.getDouble("coresPerHost"))).append(" core per host, so six hosts fit the 2 real cores. ")
        .append("The quota is lifted while the node JVMs start and set before the warm-up run. The ephemeral model's per-hop JVMs "
            + "run in the same per-host groups. The micro case runs in one JVM without a quota.\n");
    md.append("- **Links** (EMULATION, user space, no netem): a TCP relay (`EmulatedLinkRelay`) in front of every node's HTTP server; "
        + "the node publishes the relay's URL as its `http` endpoint, so every peer pull crosses it. The relay finds the "
        + "connecting host from /proc/net/tcp (each node JVM runs under its own uid via setpriv, so the client socket's uid "
        + "names the host; fallback: socket inode -> node JVM pid), delays each direction by RTT/2, adds one RTT "
        + "per new connection (TCP set-up), and paces bytes on a wire shared per (from-zone, to-zone) direction. Parameters: ");
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
    for (var ce : byCase.entrySet()) {
      for (String m : MODES) {
        JsonObject c = ce.getValue().get(m);
        if (c == null) {
          continue;
        }
        JsonObject ms = c.getJsonObject("makespanMs");
        md.append("| ").append(ce.getKey()).append(" | ").append(m).append(" | ").append(ms.getLong("median")).append(" (")
            .append(ms.getLong("min")).append("-").append(ms.getLong("max")).append(") | ")
            .append(f((double) c.getLong("crossZoneBytes") / c.getLong("minimalCrossZoneBytes"))).append("x | ")
            .append(f(c.getJsonObject("controlMs").getDouble("p50"))).append(" / ").append(f(c.getJsonObject("controlMs").getDouble("p99")))
            .append(" | ").append(f(c.getJsonObject("dataMs").getDouble("mean"))).append(" | ")
            .append(f(c.getJsonObject("computeMs").getDouble("mean"))).append(" | ")
            .append(c.getJsonObject("pulls").getInteger("local")).append("/").append(c.getJsonObject("pulls").getInteger("remote"))
            .append(" | ").append(c.getInteger("failedRuns")).append(" |\n");
      }
    }
    md.append("\n![makespan](makespan.svg)\n\n![time split per hop](timesplit.svg)\n\n");

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
          .append(a == null ? "-" : f(ls / mid(a[4], a[5]))).append(" |\n");
    }
    md.append("\nLS = Nearflow load-spreading. The article's testbed: 2-vCPU Azure VMs in three regions; ours: ")
        .append(f(cpu.getDouble("coresPerHost"))).append(" core per host on one shared machine, so absolute times differ.\n\n");

    md.append("## Figure 9: time moving data per hop, with locality (load-spreading) and without (round-robin)\n\n");
    md.append("| case | data ms/hop mean, locality | without | ratio | pull ms p50, locality | without |\n|---|---|---|---|---|---|\n");
    for (var ce : byCase.entrySet()) {
      JsonObject ls = ce.getValue().get("load-spreading");
      JsonObject rr = ce.getValue().get("round-robin");
      if (ls != null && rr != null) {
        md.append("| ").append(ce.getKey()).append(" | ").append(f(ls.getJsonObject("dataMs").getDouble("mean"))).append(" | ")
            .append(f(rr.getJsonObject("dataMs").getDouble("mean"))).append(" | ")
            .append(f(rr.getJsonObject("dataMs").getDouble("mean") / ls.getJsonObject("dataMs").getDouble("mean"))).append("x | ")
            .append(f(ls.getJsonObject("pullMs").getDouble("p50"))).append(" | ").append(f(rr.getJsonObject("pullMs").getDouble("p50")))
            .append(" |\n");
      }
    }
    md.append("\nThe article (figures.md, echo steps): data 644 -> 248 ms per hop at 1 MiB, 2,808 -> 1,277 ms at 100 MiB with "
        + "locality, pooling and hard links switched on together.\n\n");
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
    md.append("## Micro (one JVM: EmbeddedCluster, 3 nodes, echo4 workflow on 1 KiB units, no quota, no link emulation)\n\n");
    md.append("- Saturation: **").append(f(micro.getDouble("saturationHopsPerSec"))).append(" hops/s**");
    JsonObject det = micro.getJsonObject("detail");
    if (det != null && det.containsKey("saturation")) {
      JsonObject sat = det.getJsonObject("saturation");
      md.append(" (closed loop, best of ").append(sat.getJsonArray("sweep", new JsonArray()).encode()).append("; ")
          .append(sat.getInteger("concurrency")).append(" runs in flight, ").append(f(sat.getDouble("seconds")))
          .append(" s; hop control p50/p99 at saturation ").append(f(sat.getJsonObject("controlMs").getDouble("p50"))).append(" / ")
          .append(f(sat.getJsonObject("controlMs").getDouble("p99"))).append(" ms)");
      JsonObject half = det.getJsonObject("halfLoad");
      md.append("\n- Half load (open loop, ").append(f(half.getDouble("hopsPerSecOffered"))).append(" hops/s offered): control p50 **")
          .append(f(half.getJsonObject("controlMs").getDouble("p50"))).append(" ms**, p99 **")
          .append(f(half.getJsonObject("controlMs").getDouble("p99"))).append(" ms**; hop total p50/p99 ")
          .append(f(half.getJsonObject("totalMs").getDouble("p50"))).append(" / ").append(f(half.getJsonObject("totalMs").getDouble("p99")))
          .append(" ms, data p50 ").append(f(half.getJsonObject("dataMs").getDouble("p50"))).append(" ms, compute p50 ")
          .append(f(half.getJsonObject("computeMs").getDouble("p50"))).append(" ms (")
          .append(half.getInteger("hopRecords")).append(" hops)\n");
    } else {
      md.append(" (micro run failed: see summary.json)\n");
    }
    md.append("\n## Goals (measured, never asserted in tests)\n\n");
    md.append(goals(byCase, micro));
    Path analysis = out.resolve("analysis.md");
    if (Files.exists(analysis)) {
      md.append("\n").append(Files.readString(analysis));
    }
    Files.writeString(out.resolve("report.md"), md.toString());
    Files.writeString(out.resolve("makespan.svg"), makespanSvg(byCase));
    Files.writeString(out.resolve("timesplit.svg"), splitSvg(byCase));
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
      for (var ce : byCase.entrySet()) {
        JsonObject c = ce.getValue().get(mode);
        if (c == null) {
          continue;
        }
        double x = (double) c.getLong("crossZoneBytes") / c.getLong("minimalCrossZoneBytes");
        if (x > 1.1) {
          bad.append(ce.getKey()).append(" ").append(f(x)).append("x; ");
        }
        JsonObject rr = ce.getValue().get("round-robin");
        if (rr != null && med(c) >= med(rr)) {
          slow.append(ce.getKey()).append(" (").append(f(med(c) / med(rr))).append("x of round-robin); ");
        }
      }
      g.append("- Locality on (").append(mode).append("), cross-zone bytes <= 1.1 x minimal: ")
          .append(bad.length() == 0 ? "**met** in every case" : "**missed**: " + bad).append("; faster than round-robin in every case: ")
          .append(slow.length() == 0 ? "**met**" : "**missed**: " + slow).append("\n");
    }
    Map<String, JsonObject> big = byCase.get("3x10MB");
    if (big != null && big.get("greedy") != null) {
      double r = med(big.get("greedy")) / med(big.get("load-spreading"));
      g.append("- Load-spreading no slower than greedy when CPU-bound (3 x 10 MB): ").append(r >= 1 ? "**met**" : "**missed**")
          .append(" (greedy / LS = ").append(f(r)).append("x; the article: 1.45x)\n");
    }
    if (micro.getJsonObject("detail") == null || !micro.getJsonObject("detail").containsKey("saturation")) {
      g.append("- Micro goals (control overhead, hops/s): not measured in this run\n");
      return g.toString();
    }
    double sat = micro.getDouble("saturationHopsPerSec", 0.0);
    JsonObject half = micro.getJsonObject("controlMsAtHalfLoad");
    g.append("- Control overhead at half load p50 <= 1 ms: ").append(half.getDouble("p50") <= 1 ? "**met**" : "**missed**")
        .append(" (").append(f(half.getDouble("p50"))).append(" ms); p99 <= 10 ms: ")
        .append(half.getDouble("p99") <= 10 ? "**met**" : "**missed**").append(" (").append(f(half.getDouble("p99"))).append(" ms)\n");
    g.append("- >= 3,000 hops/s at saturation: ").append(sat >= 3000 ? "**met**" : "**missed**").append(" (").append(f(sat))
        .append(" hops/s").append(sat >= 3000 || sat == 0 ? "" : ", " + f(3000 / sat) + "x short").append(")\n");
    return g.toString();
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;");
  }

  /** One panel per case, one bar per mode, scaled to the slowest mode of the case. */
  static String makespanSvg(Map<String, Map<String, JsonObject>> byCase) {
    int rowH = 22;
    int panelGap = 30;
    int left = 130;
    int width = 760;
    int barMax = width - left - 120;
    int h = 40;
    for (var ce : byCase.entrySet()) {
      h += panelGap + rowH * ce.getValue().size();
    }
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns='http://www.w3.org/2000/svg' width='").append(width).append("' height='").append(h)
        .append("' font-family='sans-serif' font-size='12'>\n<rect width='100%' height='100%' fill='white'/>\n")
        .append("<text x='10' y='20' font-size='15' font-weight='bold'>Makespan per batch (median, ms; whiskers min-max) - lower is better</text>\n");
    int y = 40;
    for (var ce : byCase.entrySet()) {
      double max = ce.getValue().values().stream().mapToDouble(c -> c.getJsonObject("makespanMs").getLong("max")).max().orElse(1);
      y += panelGap;
      s.append("<text x='10' y='").append(y - 8).append("' font-weight='bold'>").append(esc(ce.getKey())).append("</text>\n");
      for (String m : MODES) {
        JsonObject c = ce.getValue().get(m);
        if (c == null) {
          continue;
        }
        JsonObject ms = c.getJsonObject("makespanMs");
        int w = (int) Math.round(barMax * ms.getLong("median") / max);
        int x1 = left + (int) Math.round(barMax * ms.getLong("min") / max);
        int x2 = left + (int) Math.round(barMax * ms.getLong("max") / max);
        s.append("<text x='").append(left - 6).append("' y='").append(y + 14).append("' text-anchor='end'>").append(m).append("</text>\n");
        s.append("<rect x='").append(left).append("' y='").append(y + 3).append("' width='").append(Math.max(1, w))
            .append("' height='").append(rowH - 6).append("' fill='").append(COLORS.get(m)).append("'/>\n");
        s.append("<line x1='").append(x1).append("' x2='").append(x2).append("' y1='").append(y + rowH / 2).append("' y2='")
            .append(y + rowH / 2).append("' stroke='black'/>\n");
        s.append("<text x='").append(Math.max(left + w, x2) + 6).append("' y='").append(y + 14).append("'>")
            .append(ms.getLong("median")).append(" ms</text>\n");
        y += rowH;
      }
    }
    return s.append("</svg>\n").toString();
  }

  /** Mean time per hop split into data / compute / control, per case and mode. */
  static String splitSvg(Map<String, Map<String, JsonObject>> byCase) {
    List<String[]> rows = new ArrayList<>();
    List<double[]> vals = new ArrayList<>();
    for (var ce : byCase.entrySet()) {
      for (String m : MODES) {
        JsonObject c = ce.getValue().get(m);
        if (c == null) {
          continue;
        }
        double data = c.getJsonObject("dataMs").getDouble("mean");
        double comp = c.getJsonObject("computeMs").getDouble("mean");
        double ctl = c.getJsonObject("controlMs").getDouble("mean");
        rows.add(new String[] {ce.getKey() + " " + m});
        vals.add(new double[] {data, comp, ctl});
      }
    }
    double max = vals.stream().mapToDouble(v -> v[0] + v[1] + v[2]).max().orElse(1);
    int rowH = 22;
    int left = 190;
    int width = 800;
    int barMax = width - left - 90;
    int h = 70 + rowH * rows.size();
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns='http://www.w3.org/2000/svg' width='").append(width).append("' height='").append(h)
        .append("' font-family='sans-serif' font-size='12'>\n<rect width='100%' height='100%' fill='white'/>\n")
        .append("<text x='10' y='20' font-size='15' font-weight='bold'>Mean time per hop (ms): data | compute | control</text>\n");
    String[] colors = {"#4393c3", "#f4a582", "#999999"};
    String[] names = {"data (pull+push)", "compute", "control (rest)"};
    for (int i = 0; i < 3; i++) {
      s.append("<rect x='").append(10 + i * 150).append("' y='32' width='12' height='12' fill='").append(colors[i]).append("'/>")
          .append("<text x='").append(26 + i * 150).append("' y='43'>").append(names[i]).append("</text>\n");
    }
    int y = 55;
    for (int r = 0; r < rows.size(); r++) {
      double[] v = vals.get(r);
      s.append("<text x='").append(left - 6).append("' y='").append(y + 14).append("' text-anchor='end'>").append(esc(rows.get(r)[0])).append("</text>\n");
      double x = left;
      for (int i = 0; i < 3; i++) {
        double w = barMax * v[i] / max;
        s.append("<rect x='").append(String.format(Locale.ROOT, "%.1f", x)).append("' y='").append(y + 3).append("' width='")
            .append(String.format(Locale.ROOT, "%.1f", Math.max(0.5, w))).append("' height='").append(rowH - 6).append("' fill='")
            .append(colors[i]).append("'/>\n");
        x += w;
      }
      s.append("<text x='").append(String.format(Locale.ROOT, "%.0f", x + 6)).append("' y='").append(y + 14).append("'>")
          .append(f(v[0] + v[1] + v[2])).append("</text>\n");
      y += rowH;
    }
    return s.append("</svg>\n").toString();
  }

  /** Re-renders report.md and the charts from an existing summary.json: {@code Report <dir>}. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    write(dir, new JsonObject(Files.readString(dir.resolve("summary.json"))));
  }
}
