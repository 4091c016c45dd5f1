package io.nearflow.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nearflow.config.ConfigException;
import io.nearflow.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigLoaderTest {
  @TempDir Path dir;

  private Path file(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content);
    return f;
  }

  private static final String EDGE = """
      cluster:
        name: city
        port: 5801
        members: [127.0.0.1:5801, 127.0.0.1:5802]
      node:
        zone: edge1
        host: bus-17
        roles: [agent, adapter]
      topology: paper
      http:
        port: 8181
      """;

  @Test
  void a_complete_edge_config_file_is_read_with_defaults_for_what_it_leaves_out() throws IOException {
    NodeConfig c = NodeConfigLoader.load(Optional.of(file("edge.yaml", EDGE)), Map.of(), new Settings());
    assertThat(c.clusterName()).isEqualTo("city");
    assertThat(c.zone()).isEqualTo("edge1");
    assertThat(c.host()).isEqualTo("bus-17");
    assertThat(c.roles()).containsExactlyInAnyOrder(Role.AGENT, Role.ADAPTER);
    assertThat(c.members()).containsExactly("127.0.0.1:5801", "127.0.0.1:5802");
    assertThat(c.clusterPort()).isEqualTo(5801);
    assertThat(c.httpPort()).isEqualTo(8181);
    assertThat(c.grpcPort()).isEqualTo(9090);
    assertThat(c.bindHost()).isEqualTo("127.0.0.1");
    assertThat(c.topology().zones()).containsExactly("edge1", "edge2", "cloud1");
    assertThat(c.nodeId()).startsWith("bus-17-");
  }

  @Test
  void json_files_are_accepted_too() throws IOException {
    Path f = file("n.json", """
        {"cluster": {"members": ["127.0.0.1:5701"]},
         "node": {"zone": "local", "host": "laptop", "roles": "all"},
         "topology": "single"}
        """);
    NodeConfig c = NodeConfigLoader.load(Optional.of(f), Map.of(), new Settings());
    assertThat(c.zone()).isEqualTo("local");
    assertThat(c.roles()).isEqualTo(Role.all());
  }

  @Test
  void environment_overrides_the_file_and_the_command_line_overrides_the_environment() throws IOException {
    Map<String, String> env = Map.of("NEARFLOW_NODE_ZONE", "edge2", "NEARFLOW_NODE_HOST", "env-host",
        "NEARFLOW_CLUSTER_MEMBERS", "127.0.0.1:6001,127.0.0.1:6002", "NEARFLOW_HTTP_PORT", "9999");
    Settings cli = new Settings().put("node.host", "cli-host", "--host");
    NodeConfig c = NodeConfigLoader.load(Optional.of(file("edge.yaml", EDGE)), env, cli);
    assertThat(c.zone()).isEqualTo("edge2");
    assertThat(c.host()).isEqualTo("cli-host");
    assertThat(c.members()).containsExactly("127.0.0.1:6001", "127.0.0.1:6002");
    assertThat(c.httpPort()).isEqualTo(9999);
  }

  @Test
  void environment_variable_names_follow_the_keys() {
    assertThat(NodeConfigLoader.envName("cluster.bindHost")).isEqualTo("NEARFLOW_CLUSTER_BIND_HOST");
    assertThat(NodeConfigLoader.envName("dataDir")).isEqualTo("NEARFLOW_DATA_DIR");
  }

  @Test
  void a_zone_not_in_the_topology_is_refused_naming_the_zone_the_topology_and_where_it_was_set() throws IOException {
    Path f = file("edge.yaml", EDGE.replace("zone: edge1", "zone: edge9"));
    assertThatThrownBy(() -> NodeConfigLoader.load(Optional.of(f), Map.of(), new Settings()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("node.zone")
        .hasMessageContaining("'edge9' is not a zone of topology 'paper'")
        .hasMessageContaining("edge.yaml:6");
  }

  @Test
  void a_malformed_file_is_refused_with_its_line() throws IOException {
    Path f = file("bad.yaml", "cluster:\n  members: [127.0.0.1:5701\nnode:\n  zone: edge1\n");
    assertThatThrownBy(() -> NodeConfigLoader.load(Optional.of(f), Map.of(), new Settings()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("bad.yaml:")
        .hasMessageContaining("malformed");
  }

  @Test
  void a_missing_join_list_is_refused_saying_how_to_set_it() throws IOException {
    Path f = file("edge.yaml", EDGE.replace("  members: [127.0.0.1:5801, 127.0.0.1:5802]\n", ""));
    assertThatThrownBy(() -> NodeConfigLoader.load(Optional.of(f), Map.of(), new Settings()))
        .hasMessageContaining("cluster.members: missing")
        .hasMessageContaining("NEARFLOW_CLUSTER_MEMBERS");
  }

  @Test
  void port_ranges_in_the_member_list_are_refused() throws IOException {
    Path f = file("edge.yaml", EDGE.replace("127.0.0.1:5802", "127.0.0.1:5701-5720"));
    assertThatThrownBy(() -> NodeConfigLoader.load(Optional.of(f), Map.of(), new Settings()))
        .hasMessageContaining("'127.0.0.1:5701-5720' is not host:port");
  }

  @Test
  void an_agent_without_the_adapter_role_is_a_contradiction() throws IOException {
    Path f = file("edge.yaml", EDGE.replace("roles: [agent, adapter]", "roles: [agent]"));
    assertThatThrownBy(() -> NodeConfigLoader.load(Optional.of(f), Map.of(), new Settings()))
        .hasMessageContaining("agent role needs the adapter role");
  }

  @Test
  void an_unknown_role_lists_the_valid_ones() throws IOException {
    Path f = file("edge.yaml", EDGE.replace("roles: [agent, adapter]", "roles: [orchestrator, scheduler]"));
    assertThatThrownBy(() -> NodeConfigLoader.load(Optional.of(f), Map.of(), new Settings()))
        .hasMessageContaining("unknown role 'scheduler'")
        .hasMessageContaining("work-tracker");
  }

  @Test
  void a_misspelt_setting_is_refused_with_its_line() throws IOException {
    Path f = file("edge.yaml", EDGE + "dataDri: /tmp/x\n");
    assertThatThrownBy(() -> NodeConfigLoader.load(Optional.of(f), Map.of(), new Settings()))
        .hasMessageContaining("unknown setting 'dataDri' (edge.yaml:12)");
  }

  @Test
  void a_loopback_address_advertised_to_members_on_other_machines_is_refused() throws IOException {
    Path f = file("edge.yaml", EDGE.replace("127.0.0.1:5802", "10.1.2.3:5701"));
    assertThatThrownBy(() -> NodeConfigLoader.load(Optional.of(f), Map.of(), new Settings()))
        .hasMessageContaining("cluster.bindHost")
        .hasMessageContaining("10.1.2.3:5701 is on another machine");
  }

  @Test
  void a_bad_number_names_the_key_and_the_variable_it_came_from() throws IOException {
    assertThatThrownBy(() -> NodeConfigLoader.load(Optional.of(file("edge.yaml", EDGE)),
        Map.of("NEARFLOW_HTTP_PORT", "eighty"), new Settings()))
        .hasMessage("http.port: expected a whole number, got 'eighty' (env NEARFLOW_HTTP_PORT)");
  }

  @Test
  void a_missing_config_file_is_named() {
    assertThatThrownBy(() -> NodeConfigLoader.load(Optional.of(dir.resolve("nope.yaml")), Map.of(), new Settings()))
        .hasMessageContaining("nope.yaml does not exist");
  }
}
