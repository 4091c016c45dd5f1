package io.nearflow.datamaster;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.config.Settings;
import io.nearflow.data.Checksums;
import io.nearflow.data.DataLocation;
import io.nearflow.data.DataUnit;
import io.nearflow.node.FreePorts;
import io.nearflow.node.NearflowNode;
import io.nearflow.node.NodeConfigLoader;
import io.nearflow.routing.Locality;
import io.nearflow.testing.Await;
import io.nearflow.testing.ChildJvm;
import io.nearflow.testing.TestClusters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data master's registry lives in the cluster with a backup: SIGKILL one of the two JVMs that
 * hold it (roughly half the units' primary copies are there) and every lookup still answers.
 */
class DataMasterSurvivesNodeLossTest {
  @TempDir Path dir;
  private ChildJvm other;
  private NearflowNode survivor;

  @AfterEach
  void stop() {
    if (other != null) {
      other.close();
    }
    if (survivor != null) {
      Await.result(survivor.close(), Duration.ofSeconds(30));
    }
  }

  @Test
  void killing_a_data_master_jvm_loses_no_registered_unit() throws Exception {
    String cluster = TestClusters.uniqueName(getClass());
    List<Integer> ports = FreePorts.find("127.0.0.1", 2);
    String members = "127.0.0.1:" + ports.get(0) + ",127.0.0.1:" + ports.get(1);
    survivor = Await.result(NearflowNode.start(NodeConfigLoader.load(Optional.empty(), Map.of(), new Settings()
        .put("cluster.name", cluster, "test").put("cluster.members", members, "test")
        .put("cluster.port", ports.get(0), "test").put("node.zone", "cloud1", "test").put("node.host", "cloud1-a", "test")
        .put("node.roles", "data-master,distance", "test").put("dataDir", dir.resolve("a").toString(), "test")
        .put("http.port", 0, "test"))), Duration.ofSeconds(60));
    other = ChildJvm.start(dir.resolve("b.log"), Map.of("NEARFLOW_CLUSTER_NAME", cluster,
        "NEARFLOW_CLUSTER_MEMBERS", members, "NEARFLOW_CLUSTER_PORT", String.valueOf(ports.get(1)),
        "NEARFLOW_HTTP_PORT", "0", "NEARFLOW_DATA_DIR", dir.resolve("b").toString()),
        "node", "--zone", "cloud1", "--host", "cloud1-b", "--roles", "data-master");
    Await.until(() -> survivor.view().snapshot().size() == 2, Duration.ofSeconds(60), () -> "second JVM did not join: " + other.output());
    // The other JVM's data master must be consuming before half the registrations are sent its way.
    Await.until(() -> survivor.view().snapshot().nodes().stream().allMatch(n -> !n.endpoints().isEmpty()),
        Duration.ofSeconds(60), () -> "second JVM did not finish starting: " + other.output());

    // Registered as agents do, straight into the registry map: about half the units' primary
    // copies live on the JVM that is killed below, their backups here.
    ClusterDataRegistry registry = new ClusterDataRegistry(survivor.vertx(),
        ((io.vertx.spi.cluster.hazelcast.HazelcastClusterManager) ((io.vertx.core.internal.VertxInternal) survivor.vertx())
            .clusterManager()).getHazelcastInstance(), Locality.of("cloud1-a", "cloud1"), 10_000);
    List<DataUnit> units = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      byte[] bytes = ("unit " + i).getBytes(StandardCharsets.UTF_8);
      DataUnit u = new DataUnit("u-test-" + i, "local-fs", "u-test-" + i, bytes.length, Checksums.sha256(bytes),
          Locality.of("edge1-a", "edge1"), "", Instant.now());
      Await.result(registry.register(u), Duration.ofSeconds(15));
      units.add(u);
    }

    other.kill();
    Await.until(() -> survivor.view().snapshot().size() == 1, Duration.ofSeconds(30), () -> "kill not noticed");

    // Look-ups go to the surviving data master (retried on timeout: right after the kill the
    // event bus may still pick the dead node's subscription).
    for (DataUnit u : units) {
      List<DataLocation> found = Await.result(registry.locate(u.id()), Duration.ofSeconds(15));
      assertThat(found).as(u.id()).containsExactly(DataLocation.of(u));
    }
  }
}
