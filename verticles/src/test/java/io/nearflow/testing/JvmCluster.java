package io.nearflow.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.nearflow.cluster.ClusterSnapshot;
import io.nearflow.cluster.NodeDescriptor;
import io.nearflow.config.Settings;
import io.nearflow.node.FreePorts;
import io.nearflow.node.NearflowNode;
import io.nearflow.node.NodeConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A small cluster of real processes on loopback, for tests about processes dying or freezing: one
 * "control" node inside the test JVM (never killed; the test reads and submits through it) and
 * any number of child JVMs running {@code io.nearflow.Main node --config <file>}. Every node gets
 * its own config file (written here, YAML), its own Hazelcast port, a data dir under the test's
 * directory and any free HTTP/gRPC port; the cluster name is unique to the test class.
 *
 * <p>Node ids are the host names, so instance ids are predictable ({@code edge1-a/sleep}).
 * {@link #start} returns once every node is in the control node's view with its endpoints
 * published (a node publishes them once all its roles run).
 */
public final class JvmCluster implements AutoCloseable {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** One node of the plan. {@code settings} are extra config keys (dotted), e.g. agent.instances. */
  public record NodePlan(String zone, String host, String roles, Map<String, Object> settings) {}

  private final Path dir;
  private final String clusterName;
  private final Map<String, ChildJvm> children = new LinkedHashMap<>();
  private final Map<String, Path> configs = new LinkedHashMap<>();
  private NearflowNode control;

  private JvmCluster(Path dir, String clusterName) {
    this.dir = dir;
    this.clusterName = clusterName;
  }

  /** Agent instances: alternating type and slots, e.g. {@code instances("sleep", 3, "echo", 2)}. */
  public static List<Map<String, Object>> instances(Object... typeAndSlots) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < typeAndSlots.length; i += 2) {
      out.add(Map.of("type", typeAndSlots[i], "slots", typeAndSlots[i + 1]));
    }
    return out;
  }

  /** The roles of the in-JVM control node: everything but agent. */
  public static final String CONTROL_ROLES = "distance,data-master,work-tracker,orchestrator,api,adapter";

  public static NodePlan controlNode(String zone, String host, Map<String, Object> settings) {
    return new NodePlan(zone, host, CONTROL_ROLES, settings);
  }

  /** An agent host: roles agent and adapter with the given instances. */
  public static NodePlan agentHost(String zone, String host, List<Map<String, Object>> instances) {
    return new NodePlan(zone, host, "agent,adapter", Map.of("agent.instances", instances));
  }

  /**
   * Starts {@code control} in this JVM (it is the seed), then every child JVM, and waits until all
   * of them are in the view with their endpoints. On failure everything started is stopped and the
   * children's logs are in the error.
   */
  public static JvmCluster start(Class<?> testClass, Path dir, NodePlan control, List<NodePlan> childPlans,
                                 Duration timeout) {
    JvmCluster c = new JvmCluster(dir, TestClusters.uniqueName(testClass));
    try {
      c.launch(control, childPlans, timeout);
      return c;
    } catch (RuntimeException | Error e) {
      String logs = c.logs(60);
      c.close();
      throw new AssertionError("cluster did not start: " + e.getMessage() + "\n" + logs, e);
    }
  }

  private void launch(NodePlan controlPlan, List<NodePlan> childPlans, Duration timeout) {
    List<Integer> ports = FreePorts.find("127.0.0.1", childPlans.size() + 1);
    List<String> members = ports.stream().map(p -> "127.0.0.1:" + p).toList();
    Path controlConfig = writeConfig(controlPlan, ports.get(0), members);
    control = Await.result(NearflowNode.start(NodeConfigLoader.load(Optional.of(controlConfig), Map.of(), new Settings())),
        timeout);
    for (int i = 0; i < childPlans.size(); i++) {
      NodePlan plan = childPlans.get(i);
      Path config = writeConfig(plan, ports.get(i + 1), members);
      try {
        children.put(plan.host(), ChildJvm.start(dir.resolve(plan.host() + ".log"), Map.of(), "node", "--config",
            config.toString()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    int expected = childPlans.size() + 1;
    Await.until(() -> {
      ClusterSnapshot s = control.view().snapshot();
      return s.size() == expected && s.nodes().stream().allMatch(n -> !n.endpoints().isEmpty());
    }, timeout, () -> "not every node is up with endpoints: " + control.view().snapshot().toJson().encode()
        + "; exited children: " + children.entrySet().stream().filter(e -> !e.getValue().process().isAlive())
        .map(Map.Entry::getKey).toList());
    awaitInstancesScheduled(controlPlan, childPlans, timeout);
  }

  /**
   * Ready means the zone schedulers know every step instance (agents report to them as they
   * start): as a user would check, through the control node's {@code GET /topology}.
   */
  private void awaitInstancesScheduled(NodePlan controlPlan, List<NodePlan> childPlans, Duration timeout) {
    if (!controlPlan.roles().contains("api") && !controlPlan.roles().equals("all")) {
      return;
    }
    int planned = 0;
    for (NodePlan p : childPlans) {
      Object items = p.settings().get("agent.instances");
      planned += items instanceof List<?> l ? l.size() : 0;
    }
    int expected = planned;
    java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    int[] seen = {-1};
    Await.until(() -> {
      try {
        var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(controlApi() + "/topology"))
            .timeout(Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        seen[0] = new io.vertx.core.json.JsonObject(response.body()).getJsonArray("instances").size();
        return seen[0] >= expected;
      } catch (Exception e) {
        return false;
      }
    }, timeout, () -> "the zone schedulers know " + seen[0] + " of " + expected + " step instances");
  }

  private Path writeConfig(NodePlan plan, int port, List<String> members) {
    Map<String, Object> flat = new LinkedHashMap<>();
    flat.put("cluster.name", clusterName);
    flat.put("cluster.port", port);
    flat.put("cluster.members", members);
    flat.put("node.zone", plan.zone());
    flat.put("node.host", plan.host());
    flat.put("node.id", plan.host());
    flat.put("node.roles", List.of(plan.roles().split(",")));
    flat.put("topology", "paper");
    flat.put("dataDir", dir.resolve("data").resolve(plan.host()).toString());
    flat.put("http.port", 0);
    flat.put("grpc.port", 0);
    flat.putAll(plan.settings());
    Path file = dir.resolve(plan.host() + ".yaml");
    try {
      Files.createDirectories(dir);
      Files.writeString(file, YAML.writeValueAsString(nest(flat)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    configs.put(plan.host(), file);
    return file;
  }

  /** {@code a.b: v} becomes {@code a: {b: v}}, as a person would write the file. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> nest(Map<String, Object> flat) {
    Map<String, Object> root = new LinkedHashMap<>();
    flat.forEach((key, value) -> {
      String[] parts = key.split("\\.");
      Map<String, Object> at = root;
      for (int i = 0; i < parts.length - 1; i++) {
        at = (Map<String, Object>) at.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
      }
      at.put(parts[parts.length - 1], value);
    });
    return root;
  }

  public NearflowNode control() {
    return control;
  }

  public String clusterName() {
    return clusterName;
  }

  public ChildJvm child(String host) {
    ChildJvm c = children.get(host);
    if (c == null) {
      throw new IllegalArgumentException("no child JVM for host " + host + "; children: " + children.keySet());
    }
    return c;
  }

  public Path config(String host) {
    return configs.get(host);
  }

  /** The node of {@code host} in the control node's current view. */
  public Optional<NodeDescriptor> node(String host) {
    return control.view().snapshot().nodes().stream().filter(n -> n.host().equals(host)).findFirst();
  }

  public boolean inView(String host) {
    return node(host).isPresent();
  }

  /** {@code http://127.0.0.1:<port>/api/v1} of the control node. */
  public String controlApi() {
    return "http://127.0.0.1:" + control.httpPort() + "/api/v1";
  }

  /** {@code .../api/v1} of a node with the api role, from the endpoints it published. */
  public String api(String host) {
    NodeDescriptor n = node(host).orElseThrow(() -> new AssertionError(host + " is not in the view"));
    String http = n.endpoints().get("http");
    if (http == null) {
      throw new AssertionError(host + " published no http endpoint: " + n.endpoints());
    }
    return http.replaceAll("/+$", "") + "/api/v1";
  }

  /** SIGKILL; returns the wall-clock time (epoch ms) of the kill. */
  public long kill(String host) {
    ChildJvm c = child(host);
    long at = System.currentTimeMillis();
    c.kill();
    try {
      c.process().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return at;
  }

  /** Last {@code lines} lines of every child's log, for failure messages. */
  public String logs(int lines) {
    StringBuilder b = new StringBuilder();
    children.forEach((host, c) -> {
      List<String> all = c.output().lines().toList();
      b.append("--- ").append(host).append(" (pid ").append(c.pid()).append(c.process().isAlive() ? ", alive" : ", exited")
          .append(") last ").append(Math.min(lines, all.size())).append(" lines\n");
      all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> b.append(l).append('\n'));
    });
    return b.toString();
  }

  /** Kills every child (SIGKILL also ends a SIGSTOPped process) and closes the control node. */
  @Override
  public void close() {
    for (ChildJvm c : children.values()) {
      c.close();
    }
    for (ChildJvm c : children.values()) {
      try {
        c.process().waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (control != null) {
      try {
        Await.result(control.close(), Duration.ofSeconds(30));
      } catch (AssertionError e) {
        System.err.println("JvmCluster: control node did not close cleanly: " + e.getMessage());
      }
    }
  }
}
