package io.nearflow.bench.testbed;

import io.nearflow.node.FreePorts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The emulated three-zone testbed: one node JVM per emulated host ({@link BenchNode}), each in its
 * own CPU cgroup ({@link CpuCgroups}), each behind an {@link EmulatedLinkRelay}. The bench drives it
 * through the product's HTTP API on the nodes' own ports (the bench is not a host).
 */
public final class Testbed implements AutoCloseable {
  static final List<String> ZONES = List.of("edge1", "edge2", "cloud1");
  private static final List<String> JVM_FLAGS = java.util.stream.Stream.concat(Processes.MODULE_FLAGS.stream(),
      java.util.stream.Stream.of("-Xmx320m", "-XX:+UseSerialGC", "-XX:CICompilerCount=2", "-Djava.net.preferIPv4Stack=true")).toList();

  /** One emulated host. */
  public record Host(String zone, String name, int httpPort, EmulatedLinkRelay relay, Process process) {}

  /** EMULATION aid: each host JVM gets its own uid so a relay can tell its zone from /proc/net/tcp alone. */
  static final boolean RUN_AS_UIDS = Boolean.parseBoolean(System.getProperty("bench.runAsUids", "true"))
      && "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/setpriv"));
  static final int UID_BASE = 61000;
  static final long READY_TIMEOUT_MS = Long.getLong("bench.readyTimeoutMs", 150_000);

  private final Map<String, Host> hosts = new LinkedHashMap<>();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final CpuCgroups cgroups;
  private final SourceResolver resolver;
  private final Path dir;

  private Testbed(CpuCgroups cgroups, SourceResolver resolver, Path dir) {
    this.cgroups = cgroups;
    this.resolver = resolver;
    this.dir = dir;
  }

  /**
   * Starts 2 hosts per zone with the given extra node settings (e.g. routing, keepAlive, instances).
   * The CPU quota is lifted while the JVMs start (JIT and cluster join) and set by the caller.
   */
  public static Testbed start(String label, Path dir, CpuCgroups cgroups, EmulatedLinks links, SourceResolver resolver,
      JsonObject extra, int hostsPerZone) throws Exception {
    Files.createDirectories(dir);
    // node JVMs run under their own uid (see SourceResolver) and must write here
    Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    Testbed tb = new Testbed(cgroups, resolver, dir);
    resolver.clear();
    cgroups.setQuota(-1);
    try {
      int n = ZONES.size() * hostsPerZone;
      List<Integer> ports = FreePorts.find("127.0.0.1", 2 * n);
      JsonArray members = new JsonArray();
      for (int i = 0; i < n; i++) {
        members.add("127.0.0.1:" + ports.get(i));
      }
      String clusterName = "nearflow-bench-" + label + "-" + ProcessHandle.current().pid();
      List<String[]> plan = new ArrayList<>();
      int i = 0;
      for (String zone : ZONES) {
        for (int h = 0; h < hostsPerZone; h++) {
          plan.add(new String[] {zone, zone + "-" + (char) ('a' + h), String.valueOf(ports.get(i)), String.valueOf(ports.get(n + i))});
          i++;
        }
      }
      List<EmulatedLinkRelay> relays = new ArrayList<>();
      for (String[] p : plan) {
        EmulatedLinkRelay[] self = new EmulatedLinkRelay[1];
        EmulatedLinkRelay r = new EmulatedLinkRelay(p[0], Integer.parseInt(p[3]), links,
            clientPort -> resolver.zoneOf(clientPort, self[0].port()));
        self[0] = r;
        relays.add(r);
      }
      StringBuilder expect = new StringBuilder();
      for (EmulatedLinkRelay r : relays) {
        expect.append(expect.length() == 0 ? "" : ",").append("http://127.0.0.1:").append(r.port());
      }
      for (int k = 0; k < plan.size(); k++) {
        String[] p = plan.get(k);
        String zone = p[0];
        String host = p[1];
        JsonObject cfg = new JsonObject()
            .put("cluster", new JsonObject().put("name", clusterName).put("bindHost", "127.0.0.1")
                .put("port", Integer.parseInt(p[2])).put("members", members))
            .put("node", new JsonObject().put("zone", zone).put("host", host).put("id", host).put("roles", "all"))
            .put("topology", "paper")
            .put("dataDir", dir.resolve(host).toString())
            .put("http", new JsonObject().put("port", Integer.parseInt(p[3])))
            .put("grpc", new JsonObject().put("port", 0));
        cfg.mergeIn(new JsonObject(extra.encode().replace("{host}", host)), true);
        Path file = dir.resolve(host + ".json");
        Files.writeString(file, cfg.encodePrettily());
        Path ready = dir.resolve(host + ".ready");
        Files.deleteIfExists(ready);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_FLAGS);
        cmd.add("-Dnearflow.bench.relayHttp=http://127.0.0.1:" + relays.get(k).port());
        cmd.add("-Dnearflow.bench.expectHttp=" + expect);
        cmd.add("-Dnearflow.bench.readyFile=" + ready);
        cmd.add("-Dvertx.cacheDirBase=" + dir.resolve(host).resolve("vertx-cache"));
        cmd.add("-Duser.home=" + dir.resolve(host));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(BenchNode.class.getName());
        cmd.add(file.toString());
        int uid = RUN_AS_UIDS ? UID_BASE + k : -1;
        if (uid > 0) {
          List<String> as = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups"));
          as.addAll(cmd);
          cmd = as;
          resolver.registerUid(uid, zone);
        }
        ProcessBuilder pb = new ProcessBuilder(cgroups.wrap(host, cmd)).redirectErrorStream(true)
            .redirectOutput(dir.resolve(host + ".log").toFile());
        pb.environment().keySet().removeIf(key -> key.startsWith("NEARFLOW_"));
        Process proc = pb.start();
        Processes.track(proc);
        resolver.register(proc.pid(), zone);
        tb.hosts.put(host, new Host(zone, host, Integer.parseInt(p[3]), relays.get(k), proc));
      }
      long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
      for (Host h : tb.hosts.values()) {
        Path ready = dir.resolve(h.name() + ".ready");
        while (!Files.exists(ready)) {
          if (!h.process().isAlive()) {
            throw new IllegalStateException("node " + h.name() + " exited: see " + dir.resolve(h.name() + ".log"));
          }
          if (System.currentTimeMillis() > deadline) {
            throw new IllegalStateException("testbed not ready after " + READY_TIMEOUT_MS / 1000 + " s: see " + dir);
          }
          Thread.sleep(200);
        }
      }
      return tb;
    } catch (Exception e) {
      tb.close();
      throw e;
    }
  }

  public static Testbed startVariant(String label, Path dir, CpuCgroups cgroups, EmulatedLinks links, SourceResolver resolver,
      JsonObject extra) throws Exception {
    return startWithRetry(label, dir, cgroups, links, resolver, extra, 2);
  }

  /**
   * Node start-up on this loaded machine occasionally hangs (every node's NearflowNode.start never
   * completes; seen once in five testbed starts): the bench then kills the JVMs and tries once more.
   */
  public static Testbed startWithRetry(String label, Path dir, CpuCgroups cgroups, EmulatedLinks links, SourceResolver resolver,
      JsonObject extra, int hostsPerZone) throws Exception {
    try {
      return start(label, dir, cgroups, links, resolver, extra, hostsPerZone);
    } catch (IllegalStateException e) {
      System.err.println("bench: testbed start failed (" + e.getMessage() + "); retrying once");
      return start(label + "-retry", dir.resolveSibling(dir.getFileName() + "-retry"), cgroups, links, resolver, extra, hostsPerZone);
    }
  }

  public Map<String, Host> hosts() {
    return hosts;
  }

  public String api(String host) {
    return "http://127.0.0.1:" + hosts.get(host).httpPort() + "/api/v1";
  }

  public JsonObject registerWorkflow(String host, String yaml) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(api(host) + "/workflows"))
        .POST(HttpRequest.BodyPublishers.ofString(yaml)).header("Content-Type", "application/yaml"), 201);
  }

  /** Puts the bytes into the host's store (the adapter's upload endpoint) and returns the unit id. */
  public String upload(String host, byte[] bytes) throws Exception {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hosts.get(host).httpPort() + "/data/v1/units"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).header("Content-Type", "application/octet-stream"), 201)
        .getString("id");
  }

  public JsonObject startRun(String entryHost, String workflow, String unitId) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(api(entryHost) + "/workflows/" + workflow + "/runs"))
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("unitId", unitId).encode()))
        .header("Content-Type", "application/json"), 201);
  }

  public JsonObject getRun(String entryHost, String runId) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(api(entryHost) + "/runs/" + runId)).GET(), 200);
  }

  /**
   * The barrier between iterations: waits until no step instance has a booked slot (every hop of
   * every run released its slot), as the work tracker reports it through the topology API.
   */
  public void awaitIdle(String entryHost, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      int busy = send(HttpRequest.newBuilder(URI.create(api(entryHost) + "/topology")).GET(), 200)
          .getJsonObject("load").getInteger("inFlight");
      if (busy == 0) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(busy + " slots still booked " + timeout.toSeconds() + " s after the last run ended");
      }
      Thread.sleep(50);
    }
  }

  private JsonObject send(HttpRequest.Builder b, int expected) throws Exception {
    HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != expected) {
      throw new IOException(r.request().method() + " " + r.uri() + " -> " + r.statusCode() + ": " + r.body());
    }
    return new JsonObject(r.body());
  }

  public int relayConnections() {
    return hosts.values().stream().mapToInt(h -> h.relay().connections.get()).sum();
  }

  public int relayUnresolved() {
    return hosts.values().stream().mapToInt(h -> h.relay().unresolved.get()).sum();
  }

  public double relayResolveMsAvg() {
    long n = relayConnections();
    return n == 0 ? 0 : hosts.values().stream().mapToLong(h -> h.relay().resolveNanos.get()).sum() / 1e6 / n;
  }

  /** SIGTERM every node (graceful leave), then SIGKILL what is left after 20 s; closes the relays. */
  @Override
  public void close() {
    for (Host h : hosts.values()) {
      h.process().destroy();
    }
    for (Host h : hosts.values()) {
      try {
        if (!h.process().waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
          h.process().destroyForcibly();
        }
      } catch (InterruptedException e) {
        h.process().destroyForcibly();
        Thread.currentThread().interrupt();
      }
      h.relay().close();
      Processes.untrack(h.process());
    }
    hosts.clear();
    resolver.clear();
  }

  public Path dir() {
    return dir;
  }

  public CpuCgroups cgroups() {
    return cgroups;
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var walk = Files.walk(root)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
