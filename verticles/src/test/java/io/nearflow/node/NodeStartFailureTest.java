package io.nearflow.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.config.Settings;
import io.nearflow.testing.TestClusters;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose role cannot deploy leaves the cluster again and says so: its start future fails
 * (naming the role and the cause) instead of never completing.
 */
class NodeStartFailureTest {
  @TempDir Path dir;

  /** A single node of its own cluster, with the data master so that it is not a lite member alone. */
  private Settings node(String roles) {
    int port = FreePorts.find("127.0.0.1", 1).get(0);
    return new Settings()
        .put("cluster.name", TestClusters.uniqueName(getClass()), "test")
        .put("cluster.port", port, "test").put("cluster.members", "127.0.0.1:" + port, "test")
        .put("node.zone", "edge1", "test").put("node.host", "bus-9", "test").put("node.roles", roles, "test")
        .put("dataDir", dir.toString(), "test").put("http.port", 0, "test").put("grpc.port", 0, "test");
  }

  @Test
  void an_agent_with_an_invalid_step_instance_fails_the_start_naming_the_role_and_the_setting() {
    Settings settings = node("data-master,adapter,agent")
        .put("agent.instances", List.of(Map.of("type", "echo", "slots", 0)), "test");

    Throwable failure = failureWithin(NearflowNode.start(NodeConfigLoader.bind(settings)), Duration.ofSeconds(60));

    assertThat(failure).hasMessageStartingWith("role agent failed to deploy: agent.instances[0]")
        .hasMessageContaining("slots: must be a whole number from 1 to 10000, got '0'");
  }

  @Test
  void an_adapter_keep_alive_that_is_not_true_or_false_fails_the_start_naming_the_role_and_the_field() {
    Settings settings = node("data-master,adapter").put("adapters.local-fs.keepAlive", "yes please", "--set");

    Throwable failure = failureWithin(NearflowNode.start(NodeConfigLoader.bind(settings)), Duration.ofSeconds(60));

    assertThat(failure).hasMessage("role adapter failed to deploy:"
        + " local-fs config field 'keepAlive': expected true or false, got 'yes please'");
  }

  private static Throwable failureWithin(Future<?> start, Duration deadline) {
    try {
      start.toCompletionStage().toCompletableFuture().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError("the start future did not complete within " + deadline, e);
    }
    throw new AssertionError("the node started although its adapter role cannot deploy");
  }
}
