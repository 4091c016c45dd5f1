package io.nearflow.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.testing.Await;
import io.nearflow.testing.ChildJvm;
import io.nearflow.testing.TestClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node with a broken config stops at once, and one whose role cannot deploy leaves and stops:
 * non-zero exit and one line that says what and where.
 */
class NodeCommandTest {
  @TempDir Path dir;

  @Test
  void a_node_with_an_unknown_zone_exits_2_with_one_actionable_line() throws Exception {
    Path cfg = dir.resolve("edge.yaml");
    Files.writeString(cfg, """
        cluster:
          members: [127.0.0.1:5701]
        node:
          zone: edge7
          host: bus-1
          roles: [agent, adapter]
        """);
    ChildJvm jvm = ChildJvm.start(dir.resolve("out.log"), Map.of(), "node", "--config", cfg.toString());
    Await.until(() -> !jvm.process().isAlive(), Duration.ofSeconds(30), () -> "node did not exit: " + jvm.output());
    assertThat(jvm.process().exitValue()).isEqualTo(2);
    assertThat(jvm.output().strip().lines()).containsExactly(
        "nearflow: config error: node.zone: 'edge7' is not a zone of topology 'paper' (zones: edge1, edge2, cloud1) (edge.yaml:4)");
  }

  @Test
  void a_node_without_a_join_list_exits_2_saying_how_to_give_one() throws Exception {
    ChildJvm jvm = ChildJvm.start(dir.resolve("out.log"), Map.of(), "node", "--zone", "edge1", "--host", "a", "--roles", "all");
    Await.until(() -> !jvm.process().isAlive(), Duration.ofSeconds(30), () -> "node did not exit: " + jvm.output());
    assertThat(jvm.process().exitValue()).isEqualTo(2);
    assertThat(jvm.output().strip().lines()).singleElement().asString()
        .startsWith("nearflow: config error: cluster.members: missing");
  }

  @Test
  void a_node_whose_role_fails_to_deploy_exits_1_with_one_line_naming_the_role_and_the_cause() throws Exception {
    int port = FreePorts.find("127.0.0.1", 1).get(0);
    Path cfg = dir.resolve("box.yaml");
    Files.writeString(cfg, """
        cluster: {name: %s, port: %d, members: ["127.0.0.1:%d"]}
        node: {zone: edge1, host: box-2, roles: [data-master, adapter]}
        dataDir: %s
        http: {port: 0}
        grpc: {port: 0}
        adapters:
          local-fs:
            keepAlive: yes please
        """.formatted(TestClusters.uniqueName(getClass()), port, port, dir.resolve("data")));
    try (ChildJvm jvm = ChildJvm.start(dir.resolve("out.log"), Map.of(), "node", "--config", cfg.toString())) {
      Await.until(() -> !jvm.process().isAlive(), Duration.ofSeconds(90), () -> "node did not exit: " + jvm.output());
      assertThat(jvm.process().exitValue()).as(jvm.output()).isEqualTo(1);
      assertThat(jvm.output().lines().filter(l -> l.startsWith("nearflow:"))).containsExactly(
          "nearflow: node failed to start: role adapter failed to deploy:"
              + " local-fs config field 'keepAlive': expected true or false, got 'yes please'");
    }
  }
}
