package io.nearflow.adapterhost;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.config.Settings;
import io.nearflow.config.SettingsFileReader;
import io.nearflow.node.NodeConfig;
import io.nearflow.node.NodeConfigLoader;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdapterSettingsTest {

  @Test
  void adapter_settings_from_a_file_and_from_flags_reach_the_adapter_with_json_types() {
    Settings file = SettingsFileReader.read(new ByteArrayInputStream("""
        cluster: {members: [127.0.0.1:5701]}
        node: {zone: edge1, host: bus-3, roles: [adapter]}
        adapters:
          local-fs:
            keepAlive: false
            transferTimeoutMs: 60000
        """.getBytes(StandardCharsets.UTF_8)), "bus.yaml");
    file.overlay(new Settings().put("adapters.local-fs.maxConnectionsPerPeer", "2", "--set"));
    NodeConfig config = NodeConfigLoader.bind(file);
    Map<String, JsonObject> configs = AdapterVerticle.AdapterSettings.configs(config);
    JsonObject fs = configs.get("local-fs");
    assertThat(fs.getValue("keepAlive")).isEqualTo(false);
    assertThat(fs.getValue("transferTimeoutMs")).isEqualTo(60000);
    assertThat(fs.getValue("maxConnectionsPerPeer")).isEqualTo(2L);
    assertThat(fs.getString("storeDir")).endsWith("bus-3/store");
  }
}
