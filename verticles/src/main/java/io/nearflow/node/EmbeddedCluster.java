package io.nearflow.node;

import io.nearflow.cluster.ClusterSnapshot;
import io.nearflow.config.Settings;
import io.nearflow.config.TopologyFiles;
import io.nearflow.routing.TopologySpec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.net.BindException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * A whole cluster in one JVM: one clustered Vert.x node per host, {@code hostsPerZone} hosts in
 * every zone of the topology, each with its own identity, data directory and ports. Nodes start
 * one after another (concurrent Hazelcast starts are slower on two cores). The demo and most
 * integration tests run on it.
 */
public final class EmbeddedCluster implements AutoCloseable {

  /**
   * @param clusterName unique per test class so parallel clusters never merge
   * @param extraSettings settings applied to every node (e.g. agent instances), may be empty
   */
  public record Options(String topology, int hostsPerZone, String clusterName, Path dataRoot,
                        String bindHost, Settings extraSettings, Function<String, String> rolesForZone) {
    public static Options defaults(String clusterName, Path dataRoot) {
      return new Options("paper", 2, clusterName, dataRoot, "127.0.0.1", new Settings(), zone -> "all");
    }

    public Options withTopology(String t) {
      return new Options(t, hostsPerZone, clusterName, dataRoot, bindHost, extraSettings, rolesForZone);
    }

    public Options withHostsPerZone(int n) {
      return new Options(topology, n, clusterName, dataRoot, bindHost, extraSettings, rolesForZone);
    }

    public Options withSettings(Settings s) {
      return new Options(topology, hostsPerZone, clusterName, dataRoot, bindHost, s, rolesForZone);
    }
  }

  private static final int PORT_ATTEMPTS = 3;
  private static final Logger LOG = Logger.getLogger(EmbeddedCluster.class.getName());

  private final List<NearflowNode> nodes;

  private EmbeddedCluster(List<NearflowNode> nodes) {
    this.nodes = nodes;
  }

  /** Node configs for every host, in zone order; host names are {@code <zone>-a}, {@code <zone>-b}, ... */
  public static List<NodeConfig> configs(Options o) {
    TopologySpec topology = TopologyFiles.load(o.topology());
    int count = topology.zones().size() * o.hostsPerZone();
    List<Integer> ports = FreePorts.find(o.bindHost(), count);
    List<String> members = ports.stream().map(p -> o.bindHost() + ":" + p).toList();
    List<NodeConfig> configs = new ArrayList<>();
    int i = 0;
    for (String zone : topology.zones()) {
      for (int h = 0; h < o.hostsPerZone(); h++) {
        String host = zone + "-" + (char) ('a' + h);
        Settings s = new Settings()
            .put("cluster.name", o.clusterName(), "embedded")
            .put("cluster.bindHost", o.bindHost(), "embedded")
            .put("cluster.port", ports.get(i), "embedded")
            .put("cluster.members", members, "embedded")
            .put("node.id", host, "embedded")
            .put("node.zone", zone, "embedded")
            .put("node.host", host, "embedded")
            .put("node.roles", o.rolesForZone().apply(zone), "embedded")
            .put("topology", o.topology(), "embedded")
            .put("dataDir", o.dataRoot().resolve(host).toString(), "embedded")
            .put("http.port", 0, "embedded")
            .put("grpc.port", 0, "embedded");
        s.overlay(o.extraSettings());
        configs.add(NodeConfigLoader.bind(s));
        i++;
      }
    }
    return configs;
  }

  /**
   * Starts the cluster on freshly picked ports. If a member finds its port taken between the pick
   * and its bind (another process started listening there), the members started so far are
   * closed and the whole cluster starts again on new ports, at most {@value #PORT_ATTEMPTS} times.
   */
  public static Future<EmbeddedCluster> start(Options o) {
    return start(o, 1);
  }

  private static Future<EmbeddedCluster> start(Options o, int attempt) {
    return start(configs(o)).recover(err -> {
      if (attempt < PORT_ATTEMPTS && portTaken(err)) {
        LOG.warning(() -> "embedded cluster: a member's port was taken before it could bind ("
            + err.getMessage() + "); starting again on new ports");
        return start(o, attempt + 1);
      }
      return Future.failedFuture(err);
    });
  }

  static boolean portTaken(Throwable err) {
    for (Throwable t = err; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      if (t instanceof BindException || m.contains("already in use")) {
        return true;
      }
    }
    return false;
  }

  public static Future<EmbeddedCluster> start(List<NodeConfig> configs) {
    List<NearflowNode> started = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (NodeConfig c : configs) {
      chain = chain.compose(v -> NearflowNode.start(c).map(n -> {
        started.add(n);
        return null;
      }));
    }
    return chain.map(v -> new EmbeddedCluster(started))
        .recover(err -> new EmbeddedCluster(started).closeAll().transform(x -> Future.failedFuture(err)));
  }

  /** Completes when every node's view shows every node with its endpoints published. */
  public Future<ClusterSnapshot> awaitFullView(long timeoutMs) {
    Promise<ClusterSnapshot> done = Promise.promise();
    NearflowNode first = nodes.get(0);
    long deadline = System.currentTimeMillis() + timeoutMs;
    first.vertx().setPeriodic(20, id -> {
      boolean complete = nodes.stream().allMatch(n -> {
        ClusterSnapshot s = n.view().snapshot();
        return s.size() == nodes.size() && s.nodes().stream().allMatch(d -> !d.endpoints().isEmpty());
      });
      if (complete) {
        first.vertx().cancelTimer(id);
        done.tryComplete(first.view().snapshot());
      } else if (System.currentTimeMillis() > deadline) {
        first.vertx().cancelTimer(id);
        done.tryFail("cluster view incomplete after " + timeoutMs + " ms: " + first.view().snapshot().toJson().encode());
      }
    });
    return done.future();
  }

  public List<NearflowNode> nodes() {
    return List.copyOf(nodes);
  }

  public NearflowNode node(String host) {
    return nodes.stream().filter(n -> n.config().host().equals(host)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node on host " + host));
  }

  /** Closes nodes one by one, last started first, so every leave is graceful. */
  public Future<Void> closeAll() {
    Future<Void> chain = Future.succeededFuture();
    for (int i = nodes.size() - 1; i >= 0; i--) {
      NearflowNode n = nodes.get(i);
      chain = chain.eventually(() -> n.close());
    }
    return chain;
  }

  @Override
  public void close() throws Exception {
    CompletableFuture<Void> f = closeAll().toCompletionStage().toCompletableFuture();
    f.get(60, TimeUnit.SECONDS);
  }
}
