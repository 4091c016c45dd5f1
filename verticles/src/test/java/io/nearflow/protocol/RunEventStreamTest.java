package io.nearflow.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.node.EmbeddedCluster;
import io.nearflow.node.NearflowNode;
import io.nearflow.testing.Await;
import io.nearflow.testing.TestClusters;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watchers on one node get exactly the events of their run, published on another node, in the
 * order they were published; a closed watch gets nothing more.
 */
class RunEventStreamTest {
  @TempDir Path dataRoot;
  private EmbeddedCluster cluster;

  @AfterEach
  void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static JsonObject hop(String id) {
    return new JsonObject().put("hopId", id);
  }

  @Test
  void a_watch_sees_its_runs_events_from_another_node_in_order_and_nothing_after_it_is_closed() {
    cluster = Await.result(EmbeddedCluster.start(EmbeddedCluster.Options
        .defaults(TestClusters.uniqueName(getClass()), dataRoot).withHostsPerZone(1)), Duration.ofSeconds(90));
    Await.result(cluster.awaitFullView(30_000), Duration.ofSeconds(40));
    NearflowNode watcherNode = cluster.node("edge1-a");
    NearflowNode publisherNode = cluster.node("cloud1-a");
    RunEventStream stream = RunEventStream.of(watcherNode.vertx());
    assertThat(RunEventStream.of(watcherNode.vertx())).isSameAs(stream);

    List<JsonObject> seenA = new CopyOnWriteArrayList<>();
    List<JsonObject> seenB = new CopyOnWriteArrayList<>();
    Runnable closeA = Await.result(stream.watch("run-a", seenA::add), Duration.ofSeconds(10));
    Await.result(stream.watch("run-b", seenB::add), Duration.ofSeconds(10));

    var bus = publisherNode.vertx().eventBus();
    for (int i = 0; i < 5; i++) {
      RunEventStream.publish(bus, "run-a", "hop-succeeded", "hop", hop("a" + i));
      RunEventStream.publish(bus, "run-other", "hop-succeeded", "hop", hop("x" + i));
    }
    RunEventStream.publish(bus, "run-b", "hop-succeeded", "hop", hop("b0"));
    Await.until(() -> seenA.size() == 5 && seenB.size() == 1, Duration.ofSeconds(10),
        () -> "run-a saw " + seenA + ", run-b saw " + seenB);
    assertThat(seenA).extracting(e -> e.getJsonObject("hop").getString("hopId")).containsExactly("a0", "a1", "a2", "a3", "a4");
    assertThat(seenA).allSatisfy(e -> assertThat(e.getString("runId")).isEqualTo("run-a"));

    closeA.run();
    // The close is applied on the stream's own event loop before any later delivery; run-b's
    // event, published after run-a's, arrives after it, so once run-b has it run-a would have too.
    Await.until(() -> {
      RunEventStream.publish(bus, "run-a", "hop-succeeded", "hop", hop("late"));
      RunEventStream.publish(bus, "run-b", "hop-succeeded", "hop", hop("marker"));
      return seenB.stream().anyMatch(e -> e.getJsonObject("hop").getString("hopId").equals("marker"));
    }, Duration.ofSeconds(10), () -> "run-b never saw the marker: " + seenB);
    assertThat(seenA).hasSize(5);
  }
}
