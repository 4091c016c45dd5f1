package io.nearflow.adapterhost;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.adapters.localfs.LocalFsAdapter;
import io.nearflow.adapters.localfs.LocalFsOptions;
import io.nearflow.config.Settings;
import io.nearflow.node.FreePorts;
import io.nearflow.node.NearflowNode;
import io.nearflow.node.NodeConfig;
import io.nearflow.node.NodeConfigLoader;
import io.nearflow.testing.Await;
import io.nearflow.testing.TestClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter role started from a node config file: a boolean there reaches the adapter as a boolean. */
class AdapterRoleSettingsTest {
  @TempDir Path dir;

  private NodeConfig configWithKeepAliveOff() throws Exception {
    int port = FreePorts.find("127.0.0.1", 1).get(0);
    Path file = dir.resolve("box.yaml");
    Files.writeString(file, """
        cluster: {name: %s, port: %d, members: ["127.0.0.1:%d"]}
        node: {zone: edge1, host: box-4, roles: [data-master, adapter]}
        dataDir: %s
        http: {port: 0}
        grpc: {port: 0}
        adapters:
          local-fs:
            keepAlive: false
        """.formatted(TestClusters.uniqueName(getClass()), port, port, dir.resolve("data")));
    return NodeConfigLoader.load(Optional.of(file), Map.of(), new Settings());
  }

  @Test
  void a_node_config_file_with_keep_alive_false_deploys_an_adapter_without_keep_alive() throws Exception {
    NodeConfig config = configWithKeepAliveOff();
    NearflowNode node = Await.result(NearflowNode.start(config), Duration.ofSeconds(60));
    try {
      assertThat(Await.result(node.services().adapters(), Duration.ofSeconds(5)).adapter(LocalFsAdapter.NAME))
          .isInstanceOf(LocalFsAdapter.class);
      LocalFsOptions options = LocalFsOptions.fromJson(AdapterVerticle.AdapterSettings.configs(config).get(LocalFsAdapter.NAME));
      assertThat(options.peerHttp().keepAlive()).isFalse();
    } finally {
      Await.result(node.close(), Duration.ofSeconds(30));
    }
  }
}
