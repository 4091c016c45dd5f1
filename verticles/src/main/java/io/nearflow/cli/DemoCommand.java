package io.nearflow.cli;

import io.nearflow.cluster.ClusterSnapshot;
import io.nearflow.cluster.NodeDescriptor;
import io.nearflow.config.ConfigException;
import io.nearflow.node.EmbeddedCluster;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code nearflow demo}: the embedded multi-zone cluster in one JVM, no external service.
 * Prints a readable report, or with {@code --json} one JSON object on stdout (logs go to stderr).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start the embedded multi-zone cluster in this JVM and report what it formed.")
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--json", description = "Print one JSON object on stdout.")
  boolean json;

  @Option(names = "--topology", defaultValue = "paper", description = "Shipped topology name or file (default: ${DEFAULT-VALUE}).")
  String topology;

  @Option(names = "--hosts-per-zone", defaultValue = "2", description = "Hosts (nodes) per zone (default: ${DEFAULT-VALUE}).")
  int hostsPerZone;

  @Option(names = "--data-dir", description = "Where the nodes keep their data (default: a temporary directory, removed at the end).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    if (hostsPerZone < 1 || hostsPerZone > 26) {
      System.err.println("nearflow: --hosts-per-zone must be between 1 and 26");
      return 2;
    }
    Path root = dataDir != null ? dataDir : Files.createTempDirectory("nearflow-demo-");
    EmbeddedCluster.Options options = EmbeddedCluster.Options
        .defaults("nearflow-demo-" + UUID.randomUUID().toString().substring(0, 8), root)
        .withTopology(topology).withHostsPerZone(hostsPerZone);
    EmbeddedCluster cluster;
    try {
      cluster = EmbeddedCluster.start(options).toCompletionStage().toCompletableFuture().get(180, TimeUnit.SECONDS);
    } catch (ConfigException e) {
      System.err.println("nearflow: config error: " + e.getMessage());
      return 2;
    }
    try {
      ClusterSnapshot view = cluster.awaitFullView(30_000).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      if (json) {
        System.out.println(new JsonObject().put("topology", topologyJson(view)).encodePrettily());
      } else {
        printReport(view);
      }
      return 0;
    } finally {
      cluster.close();
      if (dataDir == null) {
        deleteTree(root);
      }
    }
  }

  /** {@code {"zones": [...], "nodes": [{"zone", "host", "roles"}]}}: stable keys, later issues add more. */
  static JsonObject topologyJson(ClusterSnapshot view) {
    var nodes = new io.vertx.core.json.JsonArray();
    for (NodeDescriptor n : view.nodes()) {
      nodes.add(new JsonObject().put("zone", n.zone()).put("host", n.host()).put("roles", n.roles()));
    }
    return new JsonObject().put("zones", view.zones()).put("nodes", nodes);
  }

  private static void printReport(ClusterSnapshot view) {
    System.out.printf("Nearflow embedded cluster: %d nodes in %d zones%n", view.size(), view.zones().size());
    for (Map.Entry<String, Map<String, List<NodeDescriptor>>> zone : view.byZoneAndHost().entrySet()) {
      System.out.println("  zone " + zone.getKey());
      zone.getValue().forEach((host, nodes) -> nodes.forEach(n ->
          System.out.printf("    host %-10s node %-10s roles %s  %s%n", host, n.nodeId(), String.join(",", n.roles()),
              n.endpoints().getOrDefault("http", ""))));
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
