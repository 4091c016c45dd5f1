package io.nearflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsFileReaderTest {
  private static Settings read(String yaml) {
    return SettingsFileReader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "node.yaml");
  }

  private static Object value(Settings s, String key) {
    return s.get(key).orElseThrow().value();
  }

  @Test
  void scalars_keep_the_type_the_file_gives_them_with_their_line() {
    Settings s = read("""
        adapters:
          local-fs:
            keepAlive: false
            transferTimeoutMs: 60000
            storeDir: /srv/store
        flags: {upper: TRUE, quoted: "false"}
        """);
    assertThat(value(s, "adapters.local-fs.keepAlive")).isEqualTo(false);
    assertThat(s.origin("adapters.local-fs.keepAlive")).isEqualTo("node.yaml:3");
    assertThat(value(s, "adapters.local-fs.transferTimeoutMs")).isEqualTo(60000);
    assertThat(value(s, "adapters.local-fs.storeDir")).isEqualTo("/srv/store");
    assertThat(value(s, "flags.upper")).isEqualTo(true);
    assertThat(value(s, "flags.quoted")).isEqualTo("false");
  }

  @Test
  void json_booleans_are_booleans_too_and_lists_stay_whole() {
    Settings s = SettingsFileReader.read(new ByteArrayInputStream("""
        {"adapters": {"local-fs": {"keepAlive": true}}, "cluster": {"members": ["a:1", "b:2"]}}
        """.getBytes(StandardCharsets.UTF_8)), "node.json");
    assertThat(value(s, "adapters.local-fs.keepAlive")).isEqualTo(true);
    assertThat(value(s, "cluster.members")).isEqualTo(List.of("a:1", "b:2"));
  }
}
