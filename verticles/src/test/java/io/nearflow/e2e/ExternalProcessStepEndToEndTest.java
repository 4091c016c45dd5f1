package io.nearflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.config.Settings;
import io.nearflow.data.DataUnit;
import io.nearflow.node.EmbeddedCluster;
import io.nearflow.node.NearflowNode;
import io.nearflow.testing.Await;
import io.nearflow.testing.TestClusters;
import io.nearflow.testing.Workloads;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workflow whose step is a long-lived Python process (the gRPC compute protocol), declared in
 * the agent's config and started by the agent, next to a Java step: the run goes through both.
 * Needs Debian's python3-grpcio and python3-protobuf (installed by .ci/run).
 */
class ExternalProcessStepEndToEndTest {
  @TempDir Path dir;
  private EmbeddedCluster cluster;

  @AfterEach
  void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static Path upperStep() {
    for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("deploy/steps/python-upper/upper_step.py");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError("deploy/steps/python-upper/upper_step.py not found");
  }

  @Test
  void a_run_passes_through_a_python_step_process_started_by_the_agent() throws Exception {
    Settings settings = new Settings().put("agent.instances", List.of(
        Map.of("type", "upper", "slots", 2, "kind", "process", "command", List.of("/usr/bin/python3", upperStep().toString())),
        Map.of("type", "echo", "slots", 2)), "test");
    cluster = Await.result(EmbeddedCluster.start(EmbeddedCluster.Options
        .defaults(TestClusters.uniqueName(getClass()), dir.resolve("nodes")).withTopology("single").withHostsPerZone(1)
        .withSettings(settings)), Duration.ofSeconds(90));
    Await.result(cluster.awaitFullView(30_000), Duration.ofSeconds(40));
    NearflowNode node = cluster.nodes().get(0);
    Workloads.register(node, "name: shout\nsteps:\n  - {name: copy, type: echo}\n  - {name: loud, type: upper}\n");

    Path text = dir.resolve("in.txt");
    Files.writeString(text, "air quality on line 17 is fine\n");
    DataUnit in = Await.result(node.services().adapters().compose(a -> a.adapter("local-fs")
        .push(text, io.nearflow.adapters.PushRequest.external())), Duration.ofSeconds(20));
    String runId = Await.result(Workloads.start(node, "shout", in), Duration.ofSeconds(20)).getString("runId");
    JsonObject run = Workloads.awaitEnded(node, List.of(runId), Duration.ofSeconds(60)).get(0);
    assertThat(run.getString("state")).as(run.encodePrettily()).isEqualTo("SUCCEEDED");

    DataUnit out = DataUnit.fromJson(run.getJsonArray("finalOutputs").getJsonObject(0));
    Path checkDir = Files.createDirectories(dir.resolve("check"));
    Path pulled = Await.result(node.services().adapters().compose(a -> a.adapter("local-fs")
        .pull(out, checkDir)), Duration.ofSeconds(20)).path();
    assertThat(Files.readString(pulled, StandardCharsets.UTF_8)).isEqualTo("AIR QUALITY ON LINE 17 IS FINE\n");
  }
}
