package io.nearflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.node.EmbeddedCluster;
import io.nearflow.node.NearflowNode;
import io.nearflow.testing.Await;
import io.nearflow.testing.TestClusters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyViewLeaveTest {
  @TempDir Path dataRoot;
  private EmbeddedCluster cluster;

  @AfterEach
  void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void a_node_that_leaves_disappears_from_every_other_nodes_view_and_its_zone_goes_with_it() {
    cluster = Await.result(EmbeddedCluster.start(EmbeddedCluster.Options
        .defaults(TestClusters.uniqueName(getClass()), dataRoot).withHostsPerZone(1)), Duration.ofSeconds(90));
    Await.result(cluster.awaitFullView(30_000), Duration.ofSeconds(40));
    NearflowNode edge1 = cluster.node("edge1-a");
    List<ClusterSnapshot> seenByEdge1 = new CopyOnWriteArrayList<>();
    edge1.view().onChange(seenByEdge1::add);

    NearflowNode leaving = cluster.node("edge2-a");
    Await.result(leaving.close(), Duration.ofSeconds(30));

    for (String host : List.of("edge1-a", "cloud1-a")) {
      NearflowNode n = cluster.node(host);
      Await.until(() -> n.view().snapshot().size() == 2, Duration.ofSeconds(10),
          () -> host + " still sees " + n.view().snapshot().toJson().encode());
      assertThat(n.view().snapshot().zones()).containsExactly("edge1", "cloud1");
    }
    assertThat(seenByEdge1).last().satisfies(s -> assertThat(s.node("edge2-a")).isEmpty());
  }
}
