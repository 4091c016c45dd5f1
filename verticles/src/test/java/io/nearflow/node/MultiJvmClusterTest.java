package io.nearflow.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.cluster.ClusterSnapshot;
import io.nearflow.cluster.NodeDescriptor;
import io.nearflow.testing.Await;
import io.nearflow.testing.ChildJvm;
import io.nearflow.testing.TestClusters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The way users scale: the same program started as several processes forms one cluster. A node
 * in the test JVM is the seed; two more JVMs join it with their own zones; one is killed with
 * SIGKILL and one is stopped with SIGTERM.
 */
class MultiJvmClusterTest {
  @TempDir Path dir;
  private final List<ChildJvm> children = new ArrayList<>();
  private NearflowNode seed;

  @AfterEach
  void stop() {
    children.forEach(ChildJvm::close);
    if (seed != null) {
      Await.result(seed.close(), Duration.ofSeconds(30));
    }
  }

  @Test
  void separate_jvms_join_with_their_zones_and_a_killed_one_is_noticed_within_seconds() throws Exception {
    String cluster = TestClusters.uniqueName(getClass());
    List<Integer> ports = FreePorts.find("127.0.0.1", 3);
    String members = "127.0.0.1:" + ports.get(0) + ",127.0.0.1:" + ports.get(1) + ",127.0.0.1:" + ports.get(2);
    Map<String, String> shared = Map.of("NEARFLOW_CLUSTER_NAME", cluster, "NEARFLOW_CLUSTER_MEMBERS", members,
        "NEARFLOW_TOPOLOGY", "paper", "NEARFLOW_HTTP_PORT", "0", "NEARFLOW_GRPC_PORT", "0");

    seed = Await.result(NearflowNode.start(NodeConfigLoader.load(Optional.empty(), Map.of(), new io.nearflow.config.Settings()
        .put("cluster.name", cluster, "test").put("cluster.members", members, "test")
        .put("cluster.port", ports.get(0), "test").put("node.zone", "cloud1", "test").put("node.host", "cloud1-a", "test")
        .put("node.roles", "orchestrator,work-tracker,distance,data-master,api", "test")
        .put("dataDir", dir.resolve("seed").toString(), "test").put("http.port", 0, "test").put("grpc.port", 0, "test"))),
        Duration.ofSeconds(60));

    children.add(child("edge1", "bus-1", ports.get(1), shared));
    children.add(child("edge2", "box-7", ports.get(2), shared));

    // Joined and fully started: a node publishes its endpoints once its roles run.
    Await.until(() -> seed.view().snapshot().size() == 3
            && seed.view().snapshot().nodes().stream().allMatch(n -> !n.endpoints().isEmpty()), Duration.ofSeconds(60),
        () -> "children did not join: " + seed.view().snapshot().toJson().encode() + "\n" + outputs());
    ClusterSnapshot view = seed.view().snapshot();
    assertThat(view.zones()).containsExactly("edge1", "edge2", "cloud1");
    assertThat(view.nodes()).extracting(NodeDescriptor::zone, NodeDescriptor::host).contains(
        org.assertj.core.groups.Tuple.tuple("edge1", "bus-1"), org.assertj.core.groups.Tuple.tuple("edge2", "box-7"));
    assertThat(onHost(view, "bus-1").orElseThrow().roles()).containsExactlyInAnyOrder("agent", "adapter");

    // SIGKILL: no goodbye; peers notice through the broken connection.
    ChildJvm killed = children.get(0);
    killed.kill();
    long noticedMs = Await.until(() -> onHost(seed.view().snapshot(), "bus-1").isEmpty(), Duration.ofSeconds(20),
        () -> "killed JVM still in view: " + seed.view().snapshot().toJson().encode());
    System.err.println("MultiJvmClusterTest: SIGKILLed JVM left the view after " + noticedMs + " ms");

    // SIGTERM: the shutdown hook leaves the cluster gracefully.
    ChildJvm stopped = children.get(1);
    stopped.terminate();
    Await.until(() -> onHost(seed.view().snapshot(), "box-7").isEmpty(), Duration.ofSeconds(20),
        () -> "terminated JVM still in view: " + seed.view().snapshot().toJson().encode());
    Await.until(() -> !stopped.process().isAlive(), Duration.ofSeconds(30), () -> "terminated JVM still running");
    assertThat(stopped.output()).contains("left the cluster gracefully");
    assertThat(seed.view().snapshot().nodes()).extracting(NodeDescriptor::host).containsExactly("cloud1-a");
  }

  private ChildJvm child(String zone, String host, int port, Map<String, String> shared) throws Exception {
    Map<String, String> env = new java.util.HashMap<>(shared);
    env.put("NEARFLOW_CLUSTER_PORT", String.valueOf(port));
    env.put("NEARFLOW_DATA_DIR", dir.resolve(host).toString());
    return ChildJvm.start(dir.resolve(host + ".log"), env, "node", "--zone", zone, "--host", host, "--roles", "agent,adapter");
  }

  private static Optional<NodeDescriptor> onHost(ClusterSnapshot view, String host) {
    return view.nodes().stream().filter(n -> n.host().equals(host)).findFirst();
  }

  private String outputs() {
    StringBuilder b = new StringBuilder();
    children.forEach(c -> b.append("--- pid ").append(c.pid()).append('\n').append(c.output()));
    return b.toString();
  }
}
