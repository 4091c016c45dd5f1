package io.nearflow.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nearflow.cluster.NodeDescriptor;
import io.nearflow.config.ConfigException;
import io.nearflow.config.Settings;
import io.nearflow.testing.Await;
import io.nearflow.testing.TestClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behind NAT, a proxy or an emulated link, peers reach a node at the URL it advertises, not at its bind address. */
class AdvertisedHttpUrlTest {
  @TempDir Path dir;

  private static Settings minimal() {
    return new Settings().put("cluster.members", "127.0.0.1:5701", "test")
        .put("node.zone", "edge1", "test").put("node.host", "bus-5", "test").put("node.roles", "adapter", "test");
  }

  @Test
  void a_node_with_an_advertised_url_publishes_it_as_its_http_endpoint() {
    int port = FreePorts.find("127.0.0.1", 1).get(0);
    String advertised = "http://203.0.113.7:18080";
    NodeConfig config = NodeConfigLoader.bind(minimal()
        .put("cluster.name", TestClusters.uniqueName(getClass()), "test")
        .put("cluster.port", port, "test").put("cluster.members", "127.0.0.1:" + port, "test")
        .put("node.roles", "data-master,adapter", "test").put("dataDir", dir.toString(), "test")
        .put("http.port", 0, "test").put("grpc.port", 0, "test").put("http.advertisedUrl", advertised, "test"));
    NearflowNode node = Await.result(NearflowNode.start(config), Duration.ofSeconds(60));
    try {
      Await.until(() -> advertised.equals(self(node).endpoints().get("http")), Duration.ofSeconds(10),
          () -> "endpoint not published: " + node.view().snapshot().toJson().encode());
      assertThat(node.httpPort()).as("the server still listens on its own port").isPositive();
    } finally {
      Await.result(node.close(), Duration.ofSeconds(30));
    }
  }

  private static NodeDescriptor self(NearflowNode node) {
    return node.view().snapshot().nodes().stream().filter(n -> n.nodeId().equals(node.config().nodeId()))
        .findFirst().orElseThrow();
  }

  @Test
  void an_advertised_url_from_the_file_or_the_environment_is_accepted() throws Exception {
    Path file = dir.resolve("bus.yaml");
    Files.writeString(file, """
        cluster: {members: [127.0.0.1:5701]}
        node: {zone: edge1, host: bus-5, roles: [adapter]}
        http: {port: 8080, advertisedUrl: "https://gw.example.org/bus-5/"}
        """);
    assertThat(NodeConfigLoader.advertisedHttpUrl(
        NodeConfigLoader.load(Optional.of(file), Map.of(), new Settings()).settings()))
        .contains("https://gw.example.org/bus-5/");
    assertThat(NodeConfigLoader.advertisedHttpUrl(NodeConfigLoader.load(Optional.of(file),
        Map.of("NEARFLOW_HTTP_ADVERTISED_URL", "http://10.8.0.5:31080"), new Settings()).settings()))
        .contains("http://10.8.0.5:31080");
  }

  @Test
  void no_advertised_url_means_none_is_set() {
    assertThat(NodeConfigLoader.advertisedHttpUrl(NodeConfigLoader.bind(minimal()).settings())).isEmpty();
  }

  @Test
  void an_advertised_url_that_is_not_an_absolute_http_url_is_refused_at_load_naming_the_key_and_origin() {
    for (String bad : new String[] {"10.8.0.5:31080", "ftp://10.8.0.5/", "http://", "/bus-5", "http://h:99999",
        "http://10.8.0.5:31080/?q=1", "http ://x"}) {
      assertThatThrownBy(() -> NodeConfigLoader.bind(minimal().put("http.advertisedUrl", bad, "--set http.advertisedUrl")))
          .as(bad).isInstanceOf(ConfigException.class)
          .hasMessage("http.advertisedUrl: '" + bad + "' is not an absolute http or https URL such as"
              + " http://203.0.113.7:8080 (--set http.advertisedUrl)");
    }
  }
}
