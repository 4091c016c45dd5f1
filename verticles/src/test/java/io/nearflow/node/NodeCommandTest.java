package io.nearflow.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.testing.Await;
import io.nearflow.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node with a broken config stops at once: non-zero exit and one line that says what and where. */
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
}
