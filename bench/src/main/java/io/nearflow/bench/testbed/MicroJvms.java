package io.nearflow.bench.testbed;

import io.nearflow.cluster.NodeDescriptor;
import io.nearflow.config.Settings;
import io.nearflow.data.DataUnit;
import io.nearflow.demo.DemoWorkload;
import io.nearflow.node.FreePorts;
import io.nearflow.node.NearflowNode;
import io.nearflow.node.NodeConfigLoader;
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
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The micro case's three nodes in three JVMs, so every hop's control messages (dispatch, booking,
 * outcomes, run records) cross process boundaries as they do in a deployment: this (driver) JVM
 * hosts edge1-a with every role and runs the load generator against it; two child JVMs run the
 * product's own command, {@code io.nearflow.Main node --config F --zone Z --host H --roles all
 * --join ...}, for edge2-a and cloud1-a, each with the same echo instance. No CPU quota, no link
 * EMULATION: the JVMs talk over loopback. The children are tracked ({@link Processes}) and ended
 * on {@link #close()} and on this JVM's shutdown; they are also listed in {@code bench.childPidFile}
 * (when set) so the bench ends them should this JVM die without running its clean-up.
 */
final class MicroJvms implements MicroNodes {
  static final String DRIVER_HOST = "edge1-a";
  /** host -> zone of the two child JVMs. */
  static final Map<String, String> CHILDREN = Map.of("edge2-a", "edge2", "cloud1-a", "cloud1");
  private static final List<String> JVM_FLAGS = java.util.stream.Stream.concat(Processes.MODULE_FLAGS.stream(),
      java.util.stream.Stream.of("-Xmx384m", "-Djava.net.preferIPv4Stack=true")).toList();
  private static final long READY_TIMEOUT_MS = Long.getLong("bench.readyTimeoutMs", 150_000);

  private final Path root;
  private final Map<String, Process> children = new LinkedHashMap<>();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private NearflowNode driver;
  private long startMs;

  private MicroJvms(Path root) {
    this.root = root;
  }

  /** Starts the two child JVMs, then the driver's node, and waits until the driver sees all three. */
  static MicroJvms start(Path root, int slots) throws Exception {
    MicroJvms m = new MicroJvms(root);
    long t0 = System.currentTimeMillis();
    try {
      List<Integer> ports = FreePorts.find("127.0.0.1", 3);
      List<String> members = ports.stream().map(p -> "127.0.0.1:" + p).toList();
      String clusterName = "nearflow-bench-microjvms-" + UUID.randomUUID().toString().substring(0, 8);
      int i = 1;
      for (Map.Entry<String, String> c : new java.util.TreeMap<>(CHILDREN).entrySet()) {
        m.children.put(c.getKey(), m.startChild(c.getValue(), c.getKey(), clusterName, ports.get(i++), members, slots));
      }
      Settings s = new Settings()
          .put("cluster.name", clusterName, "bench")
          .put("cluster.bindHost", "127.0.0.1", "bench")
          .put("cluster.port", ports.get(0), "bench")
          .put("cluster.members", members, "bench")
          .put("node.id", DRIVER_HOST, "bench")
          .put("node.zone", "edge1", "bench")
          .put("node.host", DRIVER_HOST, "bench")
          .put("node.roles", "all", "bench")
          .put("topology", "paper", "bench")
          .put("dataDir", root.resolve(DRIVER_HOST).toString(), "bench")
          .put("http.port", 0, "bench")
          .put("grpc.port", 0, "bench");
      s.overlay(MicroNodes.agentSettings(slots));
      m.driver = NearflowNode.start(NodeConfigLoader.bind(s)).toCompletionStage().toCompletableFuture()
          .get(READY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      m.awaitFullView();
      m.startMs = System.currentTimeMillis() - t0;
      System.err.println("micro across JVMs: 3 nodes up in " + m.startMs + " ms");
      return m;
    } catch (Exception e) {
      System.err.println("micro across JVMs: start failed: " + e + "\n" + m.logTails());
      m.close();
      throw e;
    }
  }

  private Process startChild(String zone, String host, String clusterName, int port, List<String> members, int slots)
      throws IOException {
    JsonObject cfg = new JsonObject()
        .put("cluster", new JsonObject().put("name", clusterName).put("bindHost", "127.0.0.1").put("port", port))
        .put("node", new JsonObject().put("id", host))
        .put("topology", "paper")
        .put("dataDir", root.resolve(host).toString())
        .put("http", new JsonObject().put("port", 0))
        .put("grpc", new JsonObject().put("port", 0))
        .put("agent", new JsonObject().put("instances", new JsonArray().add(new JsonObject().put("type", "echo").put("slots", slots))));
    Path file = root.resolve(host + ".json");
    Files.createDirectories(root);
    Files.writeString(file, cfg.encodePrettily());
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(JVM_FLAGS);
    cmd.add("-Dvertx.cacheDirBase=" + root.resolve(host).resolve("vertx-cache"));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.nearflow.Main", "node", "--config", file.toString(),
        "--zone", zone, "--host", host, "--roles", "all", "--join", String.join(",", members)));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(root.resolve(host + ".log").toFile());
    pb.environment().keySet().removeIf(key -> key.startsWith("NEARFLOW_"));
    Process p = pb.start();
    Processes.track(p);
    String pidFile = System.getProperty("bench.childPidFile");
    if (pidFile != null) {
      Processes.list(Path.of(pidFile), p, file.toString());
    }
    return p;
  }

  private void awaitFullView() throws Exception {
    long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
    while (true) {
      List<NodeDescriptor> nodes = driver.view().snapshot().nodes();
      if (nodes.size() == 1 + CHILDREN.size() && nodes.stream().allMatch(n -> n.endpoints().containsKey("http"))) {
        return;
      }
      for (Map.Entry<String, Process> c : children.entrySet()) {
        if (!c.getValue().isAlive()) {
          throw new IllegalStateException("node JVM " + c.getKey() + " exited with " + c.getValue().exitValue());
        }
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("cluster view incomplete after " + READY_TIMEOUT_MS + " ms: "
            + driver.view().snapshot().toJson().encode());
      }
      Thread.sleep(200);
    }
  }

  @Override
  public NearflowNode entry() {
    return driver;
  }

  /** The driver's units go straight into its store; the children's through their upload endpoint. */
  @Override
  public List<DataUnit> inject(Path scratch, int perNode, int bytes) throws Exception {
    List<DataUnit> inputs = new ArrayList<>(DemoWorkload.inject(driver, scratch, perNode, bytes, DRIVER_HOST.hashCode()));
    for (NodeDescriptor n : driver.view().snapshot().nodes()) {
      if (n.host().equals(DRIVER_HOST)) {
        continue;
      }
      Random random = new Random(n.host().hashCode());
      for (int i = 0; i < perNode; i++) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(n.endpoints().get("http") + "/data/v1/units"))
            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(b)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
          throw new IOException("upload to " + n.host() + " -> " + r.statusCode() + ": " + r.body());
        }
        inputs.add(DataUnit.fromJson(new JsonObject(r.body())));
      }
    }
    return inputs;
  }

  @Override
  public JsonObject describe() {
    return new JsonObject().put("jvms", 1 + children.size()).put("nodes", 1 + children.size()).put("startMs", startMs)
        .put("layout", "driver JVM hosts " + DRIVER_HOST + " and the load generator; child JVMs (`io.nearflow.Main node`) host "
            + String.join(", ", new java.util.TreeSet<>(CHILDREN.keySet())));
  }

  /** The last lines of every child's log, for a failure message. */
  String logTails() {
    StringBuilder s = new StringBuilder();
    for (String host : children.keySet()) {
      Path log = root.resolve(host + ".log");
      try {
        List<String> l = Files.readAllLines(log);
        s.append("--- ").append(host).append(".log (tail)\n")
            .append(String.join("\n", l.subList(Math.max(0, l.size() - 20), l.size()))).append("\n");
      } catch (IOException e) {
        s.append("--- ").append(host).append(".log: unreadable (").append(e.getMessage()).append(")\n");
      }
    }
    return s.toString();
  }

  /** SIGTERM to the children first (they leave gracefully while the driver's node closes), then waits. */
  @Override
  public void close() {
    for (Process p : children.values()) {
      p.destroy();
    }
    if (driver != null) {
      try {
        driver.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("micro across JVMs: driver node close: " + e);
      }
    }
    for (Process p : children.values()) {
      Processes.end(p, 30_000);
    }
  }
}
