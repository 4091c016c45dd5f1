package io.nearflow.cli;

import io.nearflow.cluster.ClusterSnapshot;
import io.nearflow.cluster.NodeDescriptor;
import io.nearflow.config.ConfigException;
import io.nearflow.config.Settings;
import io.nearflow.data.DataUnit;
import io.nearflow.demo.DemoWorkload;
import io.nearflow.demo.RunReport;
import io.nearflow.node.EmbeddedCluster;
import io.nearflow.node.NearflowNode;
import io.nearflow.protocol.Addresses;
import io.nearflow.routing.RoutingAlgorithms;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nearflow demo}: the embedded paper cluster (3 zones x 2 hosts, all roles, one JVM, no
 * external service) runs the article's 4-step shuffle workflow (steps 1-3 anywhere, step 4 only in
 * cloud1) on files injected in both edge zones, and reports where the work ran and where the time
 * went. With {@code --json}, one JSON object on stdout; logs go to stderr.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the 4-step shuffle workflow on an embedded 3-zone cluster and report.")
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--json", description = "Print one JSON object on stdout.")
  boolean json;

  @Option(names = "--files", defaultValue = "3", description = "Files injected per edge zone (default: ${DEFAULT-VALUE}).")
  int files;

  @Option(names = "--size", defaultValue = "1048576", description = "Bytes per file (default: ${DEFAULT-VALUE}).")
  long size;

  @Option(names = "--routing", defaultValue = "load-spreading", description = "greedy, load-spreading or round-robin (default: ${DEFAULT-VALUE}).")
  String routing;

  @Option(names = "--hosts-per-zone", defaultValue = "2", description = "Hosts (nodes) per zone (default: ${DEFAULT-VALUE}).")
  int hostsPerZone;

  @Option(names = "--slots", defaultValue = "3", description = "Slots of each step instance (default: ${DEFAULT-VALUE}).")
  int slots;

  @Option(names = "--data-dir", description = "Where the nodes keep their data (default: a temporary directory, removed at the end).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    if (!RoutingAlgorithms.names().contains(routing)) {
      System.err.println("nearflow: --routing must be one of " + RoutingAlgorithms.names());
      return 2;
    }
    if (hostsPerZone < 1 || hostsPerZone > 26 || files < 0 || size < 0 || slots < 1) {
      System.err.println("nearflow: --hosts-per-zone 1..26, --files >= 0, --size >= 0, --slots >= 1");
      return 2;
    }
    Path root = dataDir != null ? dataDir : Files.createTempDirectory("nearflow-demo-");
    Settings settings = new Settings()
        .put("agent.instances", List.of(Map.of("type", "shuffle", "slots", slots)), "demo")
        .put("orchestrator.routing", routing, "--routing");
    EmbeddedCluster.Options options = EmbeddedCluster.Options
        .defaults("nearflow-demo-" + UUID.randomUUID().toString().substring(0, 8), root.resolve("nodes"))
        .withHostsPerZone(hostsPerZone).withSettings(settings);
    EmbeddedCluster cluster;
    try {
      cluster = EmbeddedCluster.start(options).toCompletionStage().toCompletableFuture().get(180, TimeUnit.SECONDS);
    } catch (ConfigException e) {
      System.err.println("nearflow: config error: " + e.getMessage());
      return 2;
    }
    try {
      ClusterSnapshot view = cluster.awaitFullView(30_000).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      NearflowNode entry = cluster.node("edge1-a");
      entry.vertx().eventBus().<JsonObject>request(Addresses.WORKFLOWS, new JsonObject().put("action", "register")
          .put("content", shuffle4()).put("source", "shuffle4.yaml")).toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      List<DataUnit> inputs = new ArrayList<>();
      inputs.addAll(DemoWorkload.inject(cluster.node("edge1-a"), root.resolve("inject"), files, size, 1));
      inputs.addAll(DemoWorkload.inject(cluster.node("edge2-a"), root.resolve("inject"), files, size, 2));
      long t0 = System.nanoTime();
      List<JsonObject> runs = DemoWorkload.runAll(entry, "shuffle4", inputs).toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.MINUTES);
      long makespanMs = (System.nanoTime() - t0) / 1_000_000;
      JsonObject report = RunReport.of(runs, cluster.nodes().stream()
          .map(n -> n.services().transferStats().snapshot()).toList(), makespanMs)
          .put("routing", routing)
          .put("workload", new JsonObject().put("workflow", "shuffle4").put("filesPerEdgeZone", files).put("sizeBytes", size));
      if (json) {
        System.out.println(new JsonObject().put("topology", topologyJson(view)).mergeIn(report).encodePrettily());
      } else {
        printReport(view, report);
      }
      return report.getJsonObject("runs").getInteger("failed") == 0 ? 0 : 1;
    } finally {
      cluster.close();
      if (dataDir == null) {
        deleteTree(root);
      }
    }
  }

  private static String shuffle4() throws IOException {
    try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream("nearflow/workflows/shuffle4.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** {@code {"zones": [...], "nodes": [{"zone", "host", "roles"}]}}: stable keys. */
  static JsonObject topologyJson(ClusterSnapshot view) {
    JsonArray nodes = new JsonArray();
    for (NodeDescriptor n : view.nodes()) {
      nodes.add(new JsonObject().put("zone", n.zone()).put("host", n.host()).put("roles", n.roles()));
    }
    return new JsonObject().put("zones", view.zones()).put("nodes", nodes);
  }

  private static void printReport(ClusterSnapshot view, JsonObject r) {
    System.out.printf("Nearflow demo: %d nodes in zones %s, routing %s%n", view.size(), view.zones(), r.getString("routing"));
    JsonObject w = r.getJsonObject("workload");
    System.out.printf("Workflow shuffle4 (4 shuffle steps, step 4 only in cloud1); %d file(s) of %d bytes injected in edge1 and in edge2%n",
        w.getInteger("filesPerEdgeZone"), w.getLong("sizeBytes"));
    JsonObject runs = r.getJsonObject("runs");
    System.out.printf("Runs: %d submitted, %d succeeded, %d failed in %d ms%n", runs.getInteger("submitted"),
        runs.getInteger("succeeded"), runs.getInteger("failed"), r.getLong("makespanMs"));
    System.out.printf("Hops: %d; pulls local %d, remote %d%n", r.getInteger("hops"),
        r.getJsonObject("pulls").getInteger("local"), r.getJsonObject("pulls").getInteger("remote"));
    System.out.println("Hops per step@zone: " + r.getJsonObject("hopsByStepAndZone").encode());
    System.out.println("Cross-zone bytes: " + r.getJsonObject("crossZoneBytes").encode());
    for (String k : List.of("controlMs", "dataMs", "computeMs")) {
      JsonObject p = r.getJsonObject(k);
      System.out.printf("  %-9s p50 %8.3f  p99 %8.3f%n", k, p.getDouble("p50"), p.getDouble("p99"));
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
