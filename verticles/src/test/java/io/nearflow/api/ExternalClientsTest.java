package io.nearflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.data.Checksums;
import io.nearflow.node.EmbeddedCluster;
import io.nearflow.testing.Await;
import io.nearflow.testing.Workloads;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients outside the JVM drive the API over the wire: curl over HTTP, and a Node.js program that
 * loads the .proto file shipped in the jar over gRPC. Both tools must be installed (see
 * {@link ExternalTool}); the Node packages come from {@code npm ci --prefix verticles/src/test/node}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalClientsTest {
  static final Path NODE_CLIENT = Path.of("src/test/node");
  private static final String SLOW_SHUFFLE = "name: slow-shuffle\nsteps:\n"
      + "  - name: wait\n    type: sleep\n    params:\n      ms: \"1000\"\n"
      + "  - name: shuffle\n    type: shuffle\n"
      + "  - name: last\n    type: shuffle\n    placement:\n      zones: [cloud1]\n";

  @TempDir static Path dir;
  private EmbeddedCluster cluster;
  private String http;

  @BeforeAll
  void start() {
    cluster = ApiClusters.start(getClass(), dir.resolve("nodes"));
    http = "http://127.0.0.1:" + cluster.node("edge2-a").httpPort() + "/api/v1";
  }

  @AfterAll
  void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static Path data(String name, int size) throws Exception {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return Files.write(dir.resolve(name), bytes);
  }

  /** curl's body, then the status code on a line of its own ({@code -w}). */
  private static JsonObject curl(int expectedStatus, String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of("curl", "-sS", "-w", "\n%{http_code}"));
    cmd.addAll(List.of(args));
    ExternalTool.Result r = ExternalTool.run(Duration.ofSeconds(60), cmd.toArray(String[]::new));
    assertThat(r.exit()).as("curl %s: %s", String.join(" ", args), r.err()).isZero();
    List<String> lines = r.lines();
    assertThat(lines.get(lines.size() - 1)).as(r.out()).isEqualTo(String.valueOf(expectedStatus));
    return new JsonObject(String.join("\n", lines.subList(0, lines.size() - 1)));
  }

  @Test
  void curl_registers_shuffle4_uploads_a_file_and_polls_the_run_until_it_succeeds() throws Exception {
    ExternalTool.require("curl", "install it with `apt-get install curl`");
    Path workflow = Files.writeString(dir.resolve("shuffle4.yaml"), Workloads.resource("shuffle4.yaml"));
    JsonObject wf = curl(201, "-H", "Content-Type: application/yaml", "--data-binary", "@" + workflow,
        http + "/workflows?source=shuffle4.yaml");
    assertThat(wf.getString("name")).isEqualTo("shuffle4");

    Path file = data("input.bin", 2 << 20); // over 1 MiB: curl sends Expect: 100-continue
    JsonObject run = curl(201, "-H", "Content-Type: application/octet-stream",
        "-H", "X-Nearflow-Checksum: " + Checksums.sha256(Files.readAllBytes(file)),
        "--data-binary", "@" + file, http + "/workflows/shuffle4/runs?zone=edge1");
    String runId = run.getString("runId");
    assertThat(run.getJsonObject("input").getJsonObject("locality").getString("zone")).isEqualTo("edge1");

    JsonObject[] last = new JsonObject[1];
    Await.until(() -> !"RUNNING".equals((last[0] = curl(200, http + "/runs/" + runId)).getString("state")),
        Duration.ofSeconds(90), () -> "run still " + last[0].getString("state"));
    assertThat(last[0].getString("state")).as(last[0].encodePrettily()).isEqualTo("SUCCEEDED");
    assertThat(last[0].getJsonArray("hops")).hasSize(4);

    JsonObject missing = curl(404, http + "/runs/no-such-run");
    assertThat(missing.getString("error")).isEqualTo("no run no-such-run");
  }

  @Test
  void a_node_js_client_registers_submits_watches_and_gets_a_run_through_the_shipped_proto() throws Exception {
    ExternalTool.require("node", "install Node.js 18 or later (e.g. `apt-get install nodejs npm`)");
    assertThat(NODE_CLIENT.resolve("node_modules/@grpc/grpc-js/package.json"))
        .as("the Node.js test client's packages are missing: run `npm ci --prefix verticles/src/test/node` "
            + "from the repository root first")
        .exists();
    Path protoDir = Path.of(getClass().getClassLoader().getResource("nearflow/proto/nearflow_api.proto").toURI()).getParent();
    Path workflow = Files.writeString(dir.resolve("slow-shuffle.yaml"), SLOW_SHUFFLE);
    String grpc = "127.0.0.1:" + cluster.node("edge1-a").grpcPort();

    ExternalTool.Result r = ExternalTool.run(Duration.ofSeconds(150), "node", NODE_CLIENT.resolve("nearflow-client.js").toString(),
        grpc, protoDir.toString(), workflow.toString(), data("node-input.bin", 300_000).toString(), "edge2");
    assertThat(r.exit()).as("node client failed:\n%s\n%s", r.out(), r.err()).isZero();
    List<JsonObject> out = r.lines().stream().map(JsonObject::new).toList();

    assertThat(out.get(0).getString("registered")).isEqualTo("slow-shuffle");
    assertThat(out.get(1).getString("state")).isEqualTo("RUN_STATE_RUNNING");
    assertThat(out.get(1).getString("zone")).isEqualTo("edge2");
    List<JsonObject> events = out.stream().filter(o -> o.containsKey("event")).toList();
    assertThat(events.get(0).getString("event")).isEqualTo("TYPE_RUN_STATE");
    assertThat(events).extracting(e -> e.getString("event")).contains("TYPE_HOP_SUCCEEDED");
    assertThat(events.get(events.size() - 1).getString("event")).isEqualTo("TYPE_RUN_ENDED");
    assertThat(events.get(events.size() - 1).getString("state")).isEqualTo("RUN_STATE_SUCCEEDED");
    JsonObject fin = out.stream().filter(o -> o.containsKey("final")).findFirst().orElseThrow();
    assertThat(fin.getString("final")).isEqualTo("RUN_STATE_SUCCEEDED");
    assertThat(fin.getJsonArray("hops")).hasSize(3);
    assertThat(fin.getJsonArray("hops").getJsonObject(2).getString("zone")).isEqualTo("cloud1");
    assertThat(out.get(out.size() - 1)).isEqualTo(new JsonObject().put("errorCode", "NOT_FOUND").put("details", "no run no-such-run"));
  }
}
