package io.nearflow.bench.testbed;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/wan.sh [--quick|--full] [--out bench/results/<name>] [--cut-seconds N]}: the WAN EMULATION testbed
 * (issue 11). In the root namespace this builds the emulation ({@link WanEmulation}), starts one
 * node JVM per host in its zone's namespace ({@code ip netns exec nfwan-<zone> java ...}, bound to
 * its own address there), then runs the measurements in a driver JVM in edge1's namespace
 * ({@link WanDriver}: the client is an edge1 user, so it keeps reaching edge1 while edge1 is cut
 * off), and removes everything on exit (finally and shutdown hook).
 *
 * <p>Hosts: quick = edge1-a, edge1-b, edge2-a, cloud1-a (4 JVMs; 6 plus the driver are too heavy
 * for 2 shared cores), full = two per zone (6 JVMs). {@code -Dbench.wan.hosts=edge1-a,...} overrides.
 * No CPU quota here (the cgroup quota of run.sh is not applied): the WAN figures are about links.
 */
public final class WanMain {
  /** Hazelcast failure detection and merge, so a 60 s cut is noticed and merged within the bench's bounds. */
  static final Map<String, String> HAZELCAST = new LinkedHashMap<>();

  static {
    HAZELCAST.put("hazelcast.max.no.heartbeat.seconds", "15");
    HAZELCAST.put("hazelcast.heartbeat.interval.seconds", "2");
    HAZELCAST.put("hazelcast.merge.first.run.delay.seconds", "20");
    HAZELCAST.put("hazelcast.merge.next.run.delay.seconds", "10");
    // development knob: -Dbench.wan.hazelcast=k=v,k=v adds or overrides Hazelcast properties of the node JVMs
    for (String kv : System.getProperty("bench.wan.hazelcast", "").split(",")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        HAZELCAST.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
      }
    }
  }

  static final List<String> NODE_FLAGS = java.util.stream.Stream.concat(Processes.MODULE_FLAGS.stream(),
      java.util.stream.Stream.of("-Xmx320m", "-XX:+UseSerialGC", "-XX:CICompilerCount=2", "-Djava.net.preferIPv4Stack=true")).toList();

  private WanMain() {}

  public static void main(String[] args) throws Exception {
    String mode = "quick";
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> mode = "quick";
        case "--full" -> mode = "full";
        case "--out" -> out = Path.of(args[++i]);
        // the partition's cut length (default 120 s, issue 11); reaches the driver as bench.wan.cutMs
        case "--cut-seconds" -> System.setProperty("bench.wan.cutMs", String.valueOf(Long.parseLong(args[++i]) * 1000));
        default -> {
          System.err.println("usage: wan.sh [--quick|--full] [--out DIR] [--cut-seconds N]");
          System.exit(2);
        }
      }
    }
    if (out == null) {
      out = Path.of("bench/results/wan-" + mode);
    }
    out = out.toAbsolutePath();
    String command = "bench/wan.sh " + String.join(" ", args);
    try {
      WanEmulation.checkPrerequisites();
    } catch (Exception e) {
      BenchMain.log("WAN EMULATION cannot run: " + e.getMessage());
      System.exit(3);
    }
    List<String> hostNames = List.of(System.getProperty("bench.wan.hosts",
        mode.equals("full") ? "edge1-a,edge1-b,edge2-a,edge2-b,cloud1-a,cloud1-b" : "edge1-a,edge1-b,edge2-a,cloud1-a").split(","));
    Path work = Files.createTempDirectory("nearflow-wan-");
    EmulatedLinks links = EmulatedLinks.paperDefaults();
    WanEmulation wan = new WanEmulation(Testbed.ZONES, work);
    Thread hook = new Thread(() -> {
      Processes.killAll();
      wan.close();
    }, "wan-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    int rc = 1;
    long started = System.currentTimeMillis();
    try {
      try {
        wan.start(links);
      } catch (Exception e) {
        throw new IllegalStateException("WAN EMULATION: cannot build the namespaces / router: " + e.getMessage(), e);
      }
      BenchMain.log("WAN EMULATION up: namespaces " + WanEmulation.ROUTER + " + " + Testbed.ZONES.stream().map(WanEmulation::ns).toList()
          + ", relay on router port " + WanEmulation.RELAY_PORT);
      // addresses and the node plan
      Map<String, Integer> perZone = new LinkedHashMap<>();
      JsonObject hosts = new JsonObject();
      JsonArray members = new JsonArray();
      for (String h : hostNames) {
        String zone = h.substring(0, h.lastIndexOf('-'));
        int k = perZone.merge(zone, 1, Integer::sum) - 1;
        String addr = wan.hostAddr(zone, k);
        wan.addHostAddress(zone, addr);
        // own ports per host of a zone too: the product's HTTP and gRPC servers bind 0.0.0.0 whatever cluster.bindHost
        // says (HttpServer.listen(port)), so two hosts sharing a zone's namespace would collide on one port
        hosts.put(h, new JsonObject().put("zone", zone).put("addr", addr).put("httpPort", 8080 + k).put("grpcPort", 9090 + k)
            .put("http", "http://" + addr + ":" + (8080 + k)));
        members.add(addr + ":5701");
      }
      Path hz = work.resolve("hazelcast-wan.xml");
      Files.writeString(hz, hazelcastXml());
      String clusterName = "nearflow-wan-" + ProcessHandle.current().pid();
      String expect = String.join(",", hostNames.stream().map(h -> hosts.getJsonObject(h).getString("http")).toList());
      List<Process> nodes = new ArrayList<>();
      for (String h : hostNames) {
        JsonObject hj = hosts.getJsonObject(h);
        JsonObject cfg = new JsonObject()
            .put("cluster", new JsonObject().put("name", clusterName).put("bindHost", hj.getString("addr")).put("port", 5701)
                .put("members", members).put("hazelcastConfig", hz.toString()))
            .put("node", new JsonObject().put("zone", hj.getString("zone")).put("host", h).put("id", h).put("roles", "all"))
            .put("topology", "paper")
            .put("dataDir", work.resolve(h).toString())
            .put("http", new JsonObject().put("port", hj.getInteger("httpPort")))
            .put("grpc", new JsonObject().put("port", hj.getInteger("grpcPort")))
            .put("orchestrator", new JsonObject().put("routing", "load-spreading"))
            .put("agent", new JsonObject().put("instances", new JsonArray()
                .add(new JsonObject().put("type", "shuffle").put("slots", 3))
                .add(new JsonObject().put("type", "echo").put("slots", 3))));
        Path file = work.resolve(h + ".json");
        Files.writeString(file, cfg.encodePrettily());
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", WanEmulation.ns(hj.getString("zone")),
            Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(NODE_FLAGS);
        HAZELCAST.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-Dnearflow.bench.expectHttp=" + expect);
        cmd.add("-Dnearflow.bench.readyFile=" + work.resolve(h + ".ready"));
        cmd.add("-Dvertx.cacheDirBase=" + work.resolve(h).resolve("vertx-cache"));
        cmd.add("-Duser.home=" + work.resolve(h));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(BenchNode.class.getName());
        cmd.add(file.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve(h + ".log").toFile());
        pb.environment().keySet().removeIf(key -> key.startsWith("NEARFLOW_"));
        Process p = pb.start();
        Processes.track(p);
        nodes.add(p);
        Thread.sleep(1500); // one after another: concurrent starts on 2 cores are slower overall
      }
      long deadline = System.currentTimeMillis() + Long.getLong("bench.readyTimeoutMs", 240_000);
      for (int i = 0; i < hostNames.size(); i++) {
        Path ready = work.resolve(hostNames.get(i) + ".ready");
        while (!Files.exists(ready)) {
          if (!nodes.get(i).isAlive()) {
            throw new IllegalStateException("node " + hostNames.get(i) + " exited: see " + work.resolve(hostNames.get(i) + ".log"));
          }
          if (System.currentTimeMillis() > deadline) {
            throw new IllegalStateException("WAN testbed not ready in time: see " + work);
          }
          Thread.sleep(200);
        }
      }
      BenchMain.log("WAN testbed up (" + hostNames.size() + " node JVMs) in " + (System.currentTimeMillis() - started) / 1000 + " s");
      JsonObject subnets = new JsonObject();
      Testbed.ZONES.forEach(z -> subnets.put(z, wan.subnet(z)));
      JsonObject plan = new JsonObject().put("mode", mode).put("command", command).put("out", out.toString())
          .put("hosts", hosts).put("controlSocket", wan.controlSocket().toString())
          .put("subnets", subnets)
          .put("links", new JsonObject(links.describe())).put("hazelcast", new JsonObject(new LinkedHashMap<String, Object>(HAZELCAST)))
          .put("machine", BenchMain.machine("before")).put("workDir", work.toString());
      Path planFile = work.resolve("plan.json");
      Files.writeString(planFile, plan.encodePrettily());
      List<String> drv = new ArrayList<>(List.of("ip", "netns", "exec", WanEmulation.ns("edge1"),
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-Djava.net.preferIPv4Stack=true",
          "-cp", System.getProperty("java.class.path")));
      System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.wan."))
          .forEach(k -> drv.add(drv.size() - 2, "-D" + k + "=" + System.getProperty(k)));
      drv.add(WanDriver.class.getName());
      drv.add(planFile.toString());
      Process driver = new ProcessBuilder(drv).inheritIO().start();
      Processes.track(driver);
      long limitMin = mode.equals("full") ? 60 : 30;
      if (!driver.waitFor(limitMin, TimeUnit.MINUTES)) {
        BenchMain.log("driver still running after " + limitMin + " min: ending it");
        Processes.end(driver, 5_000);
      }
      rc = driver.exitValue();
      BenchMain.log("driver exited " + rc + "; relay stats " + WanEmulation.control(wan.controlSocket(), "stats").encode());
    } catch (Exception e) {
      BenchMain.log("WAN bench failed: " + e);
      rc = e.getMessage() != null && e.getMessage().startsWith("WAN EMULATION: cannot build") ? 3 : 1;
    } finally {
      Processes.killAll();
      wan.close();
      if (rc == 0 && !Boolean.getBoolean("bench.keepWork")) {
        Testbed.deleteTree(work);
      } else {
        BenchMain.log("node logs kept in " + work);
      }
      BenchMain.log("WAN EMULATION removed (namespaces, veths, rules, child JVMs) after "
          + (System.currentTimeMillis() - started) / 1000 + " s");
    }
    Runtime.getRuntime().removeShutdownHook(hook);
    System.exit(rc);
  }

  /**
   * The product's hazelcast.xml with the failure-detection and merge properties above: a property
   * in the XML wins over a -D system property in Hazelcast, so the -D flags alone would not apply.
   */
  static String hazelcastXml() throws Exception {
    String xml;
    try (InputStream in = WanMain.class.getClassLoader().getResourceAsStream("nearflow/cluster-config/hazelcast.xml")) {
      xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (Map.Entry<String, String> e : HAZELCAST.entrySet()) {
      String re = "(<property name=\"" + java.util.regex.Pattern.quote(e.getKey()) + "\">)[^<]*(</property>)";
      String next = xml.replaceAll(re, "$1" + e.getValue() + "$2");
      if (next.equals(xml) && !xml.contains("\"" + e.getKey() + "\">" + e.getValue() + "<")) {
        next = xml.replace("</properties>", "  <property name=\"" + e.getKey() + "\">" + e.getValue() + "</property>\n  </properties>");
      }
      xml = next;
    }
    return xml;
  }
}
