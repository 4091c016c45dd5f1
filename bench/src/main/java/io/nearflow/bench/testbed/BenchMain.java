package io.nearflow.bench.testbed;

import io.nearflow.demo.Percentiles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench/run.sh [--quick|--full] [--out bench/results/<name>]}: the article's experiments on
 * the emulated testbed, every mode in one run, then summary.json, report.md and SVG charts.
 */
public final class BenchMain {
  static final List<String> NEARFLOW_MODES = List.of("load-spreading", "greedy", "round-robin");
  static final String EPHEMERAL = "ephemeral";
  /**
   * Quick mode runs Figure 7's 2 x 10 MB case twice per Nearflow mode (full: 3 times). To stay
   * near 10 minutes on 2 shared cores with it and the across-JVM micro case, quick mode runs the
   * ephemeral model once per 10 MB case: its makespan there is set by the 1 s poll and the
   * emulated links and varied by 13 ms between two iterations (22,049-22,062 ms, 3 x 10 MB).
   */
  static final int QUICK_2X10MB_ITERATIONS = 2;

  record Case(String name, int files, int size, int iterations) {
    long minimalCrossZoneBytes() {
      return 2L * files * size; // every unit's step-3 output must reach cloud1 once
    }
  }

  public static void main(String[] args) throws Exception {
    String mode = "quick";
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> mode = "quick";
        case "--full" -> mode = "full";
        case "--out" -> out = Path.of(args[++i]);
        default -> {
          System.err.println("usage: run.sh [--quick|--full] [--out DIR]");
          System.exit(2);
        }
      }
    }
    if (out == null) {
      out = Path.of("bench/results/" + mode);
    }
    boolean full = mode.equals("full");
    int mb = 1024 * 1024;
    List<Case> cases = new ArrayList<>(List.of(new Case("3x1MB", 3, mb, full ? 5 : 3), new Case("3x10MB", 3, 10 * mb, full ? 3 : 2),
        new Case("2x10MB", 2, 10 * mb, full ? 3 : QUICK_2X10MB_ITERATIONS)));
    if (full) {
      cases.add(new Case("3x100MB", 3, 100 * mb, 1));
      cases.add(new Case("2x100MB", 2, 100 * mb, 1));
    }
    String onlyCases = System.getProperty("bench.cases");
    if (onlyCases != null) {
      List<String> keep = List.of(onlyCases.split(","));
      cases.removeIf(c -> !keep.contains(c.name()));
    }
    long quotaUs = Long.parseLong(System.getProperty("bench.quotaUs", "33333"));
    long periodUs = 100_000;
    Path work = Files.createTempDirectory("nearflow-bench-");
    Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    boolean ok = false;
    CpuCgroups cgroups = new CpuCgroups(periodUs);
    EmulatedLinks links = EmulatedLinks.paperDefaults();
    SourceResolver resolver = new SourceResolver();
    Thread hook = new Thread(() -> {
      Processes.killAll();
      cgroups.close();
    }, "bench-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    long started = System.currentTimeMillis();
    JsonObject machine = machine("before");
    Map<String, Map<String, List<CaseRun>>> results = new LinkedHashMap<>(); // case -> mode -> runs
    Map<String, List<CaseRun>> echoRuns = new LinkedHashMap<>(); // mode -> runs of the echo case
    Case echo = EchoCase.of(full);
    List<String> echoModes = EchoCase.modes();
    JsonObject micro = null;
    JsonObject microJvms = null;
    JsonObject notes = new JsonObject();
    JsonObject continuum = new JsonObject();
    JsonArray variants = new JsonArray();
    try {
      for (Case c : cases) {
        results.put(c.name(), new LinkedHashMap<>());
      }
      // 1. micro, one JVM then across JVMs, before the testbed exists (nothing else of ours running)
      // quick: the one-JVM micro only (10-minute budget; across JVMs the JIT needs minutes to settle, see MicroRuns)
      String microWhich = System.getProperty("bench.micro", full ? "true" : "one-jvm");
      if (microWhich.equals("true") || microWhich.equals("one-jvm")) {
        micro = MicroRuns.run(work, full, 1);
      }
      if (microWhich.equals("true") || microWhich.equals("across-jvms")) {
        microJvms = MicroRuns.run(work, full, 3);
      }
      // 2. the Nearflow modes on the emulated testbed
      List<String> only = List.of(System.getProperty("bench.modes", String.join(",", NEARFLOW_MODES) + "," + EPHEMERAL).split(","));
      for (String routing : NEARFLOW_MODES) {
        if (!only.contains(routing)) {
          continue;
        }
        JsonObject extra = new JsonObject()
            .put("orchestrator", new JsonObject().put("routing", routing))
            .put("agent", new JsonObject().put("instances", new JsonArray().add(new JsonObject().put("type", "shuffle").put("slots", 3))
                .add(new JsonObject().put("type", "echo").put("slots", 3))));
        log("starting testbed for " + routing);
        long s0 = System.currentTimeMillis();
        try (Testbed tb = Testbed.startWithRetry(routing, work.resolve(routing), cgroups, links, resolver, extra, 2)) {
          log("testbed up in " + (System.currentTimeMillis() - s0) + " ms");
          cgroups.setQuota(quotaUs);
          tb.registerWorkflow("edge1-a", shuffle4());
          CaseRun warm = NearflowCases.run(tb, links, "shuffle4", List.of("edge1-a", "edge2-a"), 3, mb, 99);
          log(routing + " warm-up 3x1MB: " + warm.makespanMs + " ms (discarded)");
          for (Case c : cases) {
            for (int it = 0; it < c.iterations(); it++) {
              CaseRun r = NearflowCases.run(tb, links, "shuffle4", List.of("edge1-a", "edge2-a"), c.files(), c.size(), 1000 + it);
              results.get(c.name()).computeIfAbsent(routing, k -> new ArrayList<>()).add(r);
              log(String.format("%s %s #%d: %d ms, cross-zone %d B, pulls local %d remote %d, failed runs %d, retried hops %s",
                  c.name(), routing, it, r.makespanMs, r.crossZoneBytes, r.localPulls, r.remotePulls, r.runsFailed, r.retried));
            }
          }
          if (echoModes.contains(routing)) {
            tb.registerWorkflow("edge1-a", EchoCase.WORKFLOW);
            for (int it = 0; it < echo.iterations(); it++) {
              CaseRun r = NearflowCases.run(tb, links, EchoCase.NAME, List.of("edge1-a", "edge2-a"), echo.files(), echo.size(), 2000 + it);
              echoRuns.computeIfAbsent(routing, k -> new ArrayList<>()).add(r);
              log(String.format("%s %s %s #%d: %d ms, cross-zone %d B, pulls local %d remote %d, failed runs %d", EchoCase.NAME,
                  echo.name(), routing, it, r.makespanMs, r.crossZoneBytes, r.localPulls, r.remotePulls, r.runsFailed));
            }
          }
          // the continuum: load-spreading and greedy in full; load-spreading only in quick (10-minute budget)
          if ((routing.equals("load-spreading") || full && routing.equals("greedy"))
              && Boolean.parseBoolean(System.getProperty("bench.continuum", "true"))) {
            continuum.put(routing, runContinuum(tb, links));
          }
          notes.put("relay-" + routing, new JsonObject().put("connections", tb.relayConnections())
              .put("unresolvedSourceConnections", tb.relayUnresolved()).put("resolveMsAvg", Percentiles.round(tb.relayResolveMsAvg())));
        }
        cgroups.setQuota(-1);
      }
      // 2b. (full) the article's switches: connection re-use off, hard links off (load-spreading)
      if (full && Boolean.parseBoolean(System.getProperty("bench.switches", "true"))) {
        Path shm = Path.of("/dev/shm/nearflow-bench-" + ProcessHandle.current().pid());
        Files.createDirectories(shm);
        Files.setPosixFilePermissions(shm, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Map<String, JsonObject> vs = new LinkedHashMap<>();
        vs.put("keepAlive-off", new JsonObject().put("adapters", new JsonObject().put("local-fs", new JsonObject().put("keepAlive", false))));
        vs.put("hardLinks-off", new JsonObject().put("agent", new JsonObject().put("workDir", shm.toString() + "/{host}")));
        try {
          for (var v : vs.entrySet()) {
            JsonObject extra = new JsonObject().put("orchestrator", new JsonObject().put("routing", "load-spreading"))
                .put("agent", new JsonObject().put("instances", new JsonArray().add(new JsonObject().put("type", "shuffle").put("slots", 3))));
            extra.mergeIn(v.getValue(), true);
            try (Testbed tb = Testbed.startVariant(v.getKey(), work.resolve(v.getKey()), cgroups, links, resolver, extra)) {
              cgroups.setQuota(quotaUs);
              tb.registerWorkflow("edge1-a", shuffle4());
              NearflowCases.run(tb, links, "shuffle4", List.of("edge1-a", "edge2-a"), 3, mb, 99);
              for (Case c : cases.subList(0, Math.min(2, cases.size()))) {
                List<CaseRun> rs = new ArrayList<>();
                for (int it = 0; it < c.iterations(); it++) {
                  rs.add(NearflowCases.run(tb, links, "shuffle4", List.of("edge1-a", "edge2-a"), c.files(), c.size(), 1000 + it));
                }
                variants.add(variant(v.getKey(), c, rs));
                log(v.getKey() + " " + c.name() + ": " + rs.stream().map(r -> r.makespanMs).toList());
              }
            }
            cgroups.setQuota(-1);
          }
        } finally {
          Testbed.deleteTree(shm);
        }
      }
      // 3. the ephemeral-step model
      cgroups.setQuota(quotaUs);
      EphemeralModel model = new EphemeralModel(work.resolve("ephemeral"), cgroups, links);
      for (Case c : only.contains(EPHEMERAL) ? cases : List.<Case>of()) {
        int iterations = !full && c.size() >= 10 * mb ? 1 : c.iterations();
        for (int it = 0; it < iterations; it++) {
          CaseRun r = model.run(List.of("edge1", "edge2"), c.files(), c.size(), 1000 + it, 4);
          results.get(c.name()).computeIfAbsent(EPHEMERAL, k -> new ArrayList<>()).add(r);
          log(String.format("%s ephemeral #%d: %d ms, cross-zone %d B", c.name(), it, r.makespanMs, r.crossZoneBytes));
        }
      }
      cgroups.setQuota(-1);
      ok = true;
    } finally {
      Processes.killAll();
      cgroups.close();
      if (ok && !Boolean.getBoolean("bench.keepWork")) {
        Testbed.deleteTree(work);
      } else {
        log((ok ? "" : "failed; ") + "node logs and stores kept in " + work);
      }
    }
    JsonObject after = machine("after");
    JsonObject summary = summary(mode, cases, results, micro, quotaUs, periodUs, cgroups.available(), links, machine, after, notes,
        (System.currentTimeMillis() - started) / 1000.0);
    JsonArray echoCases = new JsonArray();
    echoRuns.forEach((m, runs) -> echoCases.add(caseJson(echo, m, runs).put("workflow", EchoCase.NAME)));
    summary.getJsonObject("micro").put("acrossJvms", MicroRuns.figures(microJvms));
    summary.put("echoCases", echoCases).put("timeSplit", TimeSplit.of(summary.getJsonArray("cases"), echoCases))
        .put("continuum", continuum).put("variants", variants);
    Files.createDirectories(out);
    Files.writeString(out.resolve("summary.json"), summary.encodePrettily());
    Report.write(out, summary);
    log("wrote " + out.resolve("summary.json") + " and report.md in " + (System.currentTimeMillis() - started) / 1000 + " s");
    Runtime.getRuntime().removeShutdownHook(hook);
    System.exit(0);
  }

  static final String SHUFFLE_ONE = "name: shuffle-one\nsteps:\n  - {name: s1, type: shuffle}\n";

  /**
   * The continuum: 3, 6, 9, 12 units of 4 MiB injected into edge1-a at once, a one-step workflow;
   * which instances take the hops (data host, same zone, next zone, far zone)?
   */
  static JsonArray runContinuum(Testbed tb, EmulatedLinks links) throws Exception {
    tb.registerWorkflow("edge1-a", SHUFFLE_ONE);
    JsonArray out = new JsonArray();
    for (int n : new int[] {3, 6, 9, 12}) {
      CaseRun r = NearflowCases.run(tb, links, "shuffle-one", List.of("edge1-a"), n, 4 * 1024 * 1024, 500 + n);
      Map<String, Integer> cls = new LinkedHashMap<>();
      for (String k : List.of("dataHost", "sameZone", "nextZone(edge2)", "farZone(cloud1)")) {
        cls.put(k, 0);
      }
      r.hopsByHost.forEach((host, count) -> {
        String k = host.equals("edge1-a") ? "dataHost" : host.startsWith("edge1") ? "sameZone"
            : host.startsWith("edge2") ? "nextZone(edge2)" : "farZone(cloud1)";
        cls.merge(k, count, Integer::sum);
      });
      out.add(new JsonObject().put("injections", n).put("makespanMs", r.makespanMs)
          .put("hopsBy", new JsonObject(new LinkedHashMap<>(cls))).put("crossZoneBytes", r.crossZoneBytes));
      log("continuum " + n + ": " + cls + " in " + r.makespanMs + " ms");
    }
    return out;
  }

  static JsonObject variant(String name, Case c, List<CaseRun> rs) {
    List<Long> ms = rs.stream().map(r -> r.makespanMs).sorted().toList();
    List<Double> pull = new ArrayList<>();
    List<Double> data = new ArrayList<>();
    Map<String, Integer> methods = new java.util.TreeMap<>();
    for (CaseRun r : rs) {
      pull.addAll(r.pull);
      data.addAll(r.data);
      r.pullMethods.forEach((k, v) -> methods.merge(k, v, Integer::sum));
    }
    return new JsonObject().put("variant", name).put("case", c.name()).put("mode", "load-spreading")
        .put("makespanMs", new JsonObject().put("median", median(ms)).put("min", ms.get(0)).put("max", ms.get(ms.size() - 1)))
        .put("pullMs", dist(pull)).put("dataMs", dist(data)).put("pullMethods", new JsonObject(new LinkedHashMap<>(methods)));
  }

  static void log(String s) {
    System.err.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + s);
  }

  static String shuffle4() throws IOException {
    try (var in = BenchMain.class.getClassLoader().getResourceAsStream("nearflow/workflows/shuffle4.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static JsonObject machine(String when) {
    JsonObject m = new JsonObject().put("when", when);
    try {
      m.put("loadavg", Files.readString(Path.of("/proc/loadavg")).trim());
    } catch (IOException e) {
      m.put("loadavg", "?");
    }
    m.put("cpus", Runtime.getRuntime().availableProcessors());
    m.put("java", System.getProperty("java.version"));
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          m.put("cpu", line.substring(line.indexOf(':') + 1).trim());
          break;
        }
      }
    } catch (IOException ignored) {
      // optional
    }
    return m;
  }

  private static JsonObject dist(List<Double> v) {
    double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
    double mean = a.length == 0 ? 0 : java.util.Arrays.stream(a).average().orElse(0);
    return Percentiles.p50p99(a).put("mean", Percentiles.round(mean));
  }

  static JsonObject summary(String mode, List<Case> cases, Map<String, Map<String, List<CaseRun>>> results, JsonObject micro,
      long quotaUs, long periodUs, boolean cgroupsOn, EmulatedLinks links, JsonObject before, JsonObject after,
      JsonObject notes, double wallSec) {
    JsonArray arr = new JsonArray();
    for (Case c : cases) {
      for (Map.Entry<String, List<CaseRun>> e : results.get(c.name()).entrySet()) {
        arr.add(caseJson(c, e.getKey(), e.getValue()));
      }
    }
    JsonObject microOut = MicroRuns.figures(micro);
    return new JsonObject().put("mode", mode).put("command", "bench/run.sh --" + mode)
        .put("machine", new JsonObject().put("before", before).put("after", after)).put("wallSeconds", wallSec)
        .put("emulation", new JsonObject()
            .put("cpu", new JsonObject().put("cgroupV1", cgroupsOn).put("quotaUs", quotaUs).put("periodUs", periodUs)
                .put("coresPerHost", (double) quotaUs / periodUs).put("hosts", 6)
                .put("note", "quota lifted while node JVMs start, set before the warm-up run"))
            .put("links", new JsonObject(links.describe()))
            .put("linkEmulatedOn", "peer data transfers (local-fs adapter HTTP pulls) of the Nearflow modes and the model's cross-zone artifact copies; NOT the Hazelcast/event-bus control traffic")
            .put("relays", notes))
        .put("cases", arr).put("micro", microOut);
  }

  /** One case in one mode over its iterations: the fields plus pulls and hop placement. */
  static JsonObject caseJson(Case c, String mode, List<CaseRun> runs) {
    List<Long> ms = runs.stream().map(r -> r.makespanMs).sorted().toList();
    List<Long> cross = runs.stream().map(r -> r.crossZoneBytes).sorted().toList();
    List<Double> control = new ArrayList<>();
    List<Double> data = new ArrayList<>();
    List<Double> compute = new ArrayList<>();
    List<Double> pull = new ArrayList<>();
    List<Double> total = new ArrayList<>();
    Map<String, Integer> byStep = new java.util.TreeMap<>();
    Map<String, Integer> methods = new java.util.TreeMap<>();
    int local = 0;
    int remote = 0;
    int failed = 0;
    List<String> retried = new ArrayList<>();
    for (CaseRun r : runs) {
      retried.addAll(r.retried);
      control.addAll(r.control);
      data.addAll(r.data);
      compute.addAll(r.compute);
      pull.addAll(r.pull);
      total.addAll(r.total);
      r.hopsByStepAndZone.forEach((k, v) -> byStep.merge(k, v, Integer::sum));
      r.pullMethods.forEach((k, v) -> methods.merge(k, v, Integer::sum));
      local += r.localPulls;
      remote += r.remotePulls;
      failed += r.runsFailed;
    }
    return new JsonObject().put("case", c.name()).put("mode", mode).put("iterations", runs.size())
        .put("filesPerEdgeZone", c.files()).put("sizeBytes", c.size())
        .put("makespanMs", new JsonObject().put("median", median(ms)).put("min", ms.get(0)).put("max", ms.get(ms.size() - 1))
            .put("all", new JsonArray(runs.stream().map(r -> r.makespanMs).toList())))
        .put("crossZoneBytes", median(cross)).put("minimalCrossZoneBytes", c.minimalCrossZoneBytes())
        .put("crossZoneBytesByLink", new JsonObject(new LinkedHashMap<>(runs.get(runs.size() - 1).bytesByLink)))
        .put("controlMs", dist(control)).put("dataMs", dist(data)).put("computeMs", dist(compute)).put("pullMs", dist(pull))
        .put("totalMs", dist(total)).put("hops", control.size())
        .put("pulls", new JsonObject().put("local", local).put("remote", remote)
            .put("byMethod", new JsonObject(new LinkedHashMap<>(methods))))
        .put("hopsByStepAndZone", new JsonObject(new LinkedHashMap<>(byStep))).put("failedRuns", failed)
        .put("retriedHops", new JsonArray(retried));
  }

  private static long median(List<Long> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
