package io.nearflow.bench.testbed;

import io.nearflow.config.Settings;
import io.nearflow.data.DataUnit;
import io.nearflow.demo.DemoWorkload;
import io.nearflow.node.EmbeddedCluster;
import io.nearflow.node.NearflowNode;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The three nodes (edge1-a, edge2-a, cloud1-a; roles all; one {@code echo} instance each) the micro
 * case drives, whichever way they are laid out: {@link #oneJvm} or {@link MicroJvms across JVMs}.
 * The load generator only needs the entry node it runs in (edge1-a, in the driver's JVM) and a few
 * 1 KiB input units spread over the hosts, so the same measurement runs on either layout.
 */
interface MicroNodes extends AutoCloseable {
  /** The node in this JVM that the load generator starts runs through and awaits them on. */
  NearflowNode entry();

  /** {@code perNode} units of {@code bytes} random bytes in every node's store. */
  List<DataUnit> inject(Path scratch, int perNode, int bytes) throws Exception;

  /** What the layout was, for summary.json. */
  JsonObject describe();

  /** The echo instance every micro node runs. */
  static Settings agentSettings(int slots) {
    return new Settings().put("agent.instances", List.of(Map.of("type", "echo", "slots", slots)), "bench");
  }

  /** All three nodes in this JVM ({@link EmbeddedCluster}, one host per zone). */
  static MicroNodes oneJvm(Path root, int slots) throws Exception {
    EmbeddedCluster cluster = EmbeddedCluster.start(EmbeddedCluster.Options
        .defaults("nearflow-bench-micro-" + UUID.randomUUID().toString().substring(0, 8), root.resolve("nodes"))
        .withHostsPerZone(1).withSettings(agentSettings(slots))).toCompletionStage().toCompletableFuture().get(300, TimeUnit.SECONDS);
    try {
      cluster.awaitFullView(60_000).toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
    return new MicroNodes() {
      @Override
      public NearflowNode entry() {
        return cluster.node("edge1-a");
      }

      @Override
      public List<DataUnit> inject(Path scratch, int perNode, int bytes) throws Exception {
        List<DataUnit> inputs = new ArrayList<>();
        for (NearflowNode n : cluster.nodes()) {
          inputs.addAll(DemoWorkload.inject(n, scratch, perNode, bytes, n.config().host().hashCode()));
        }
        return inputs;
      }

      @Override
      public JsonObject describe() {
        return new JsonObject().put("jvms", 1).put("nodes", cluster.nodes().size())
            .put("layout", "EmbeddedCluster: 3 clustered Vert.x nodes in the driver JVM");
      }

      @Override
      public void close() throws Exception {
        cluster.close();
      }
    };
  }
}
