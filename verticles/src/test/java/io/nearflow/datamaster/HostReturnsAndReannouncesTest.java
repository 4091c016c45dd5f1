package io.nearflow.datamaster;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.config.Settings;
import io.nearflow.data.DataLocation;
import io.nearflow.data.DataUnit;
import io.nearflow.node.FreePorts;
import io.nearflow.node.NearflowNode;
import io.nearflow.node.NodeConfig;
import io.nearflow.node.NodeConfigLoader;
import io.nearflow.routing.Locality;
import io.nearflow.testing.Await;
import io.nearflow.testing.TestClusters;
import io.nearflow.testing.Workloads;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bus holds data in its store, drops out of the cluster (its copies become unreachable, not
 * forgotten), and comes back: its adapter re-announces what the store holds.
 */
class HostReturnsAndReannouncesTest {
  @TempDir Path dir;
  private final List<NearflowNode> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      Await.result(nodes.get(i).close(), Duration.ofSeconds(30));
    }
  }

  private NodeConfig config(String cluster, String members, int port, String zone, String host, String roles) {
    return NodeConfigLoader.load(Optional.empty(), Map.of(), new Settings()
        .put("cluster.name", cluster, "test").put("cluster.members", members, "test").put("cluster.port", port, "test")
        .put("node.zone", zone, "test").put("node.host", host, "test").put("node.id", host, "test")
        .put("node.roles", roles, "test").put("dataDir", dir.resolve(host).toString(), "test")
        .put("http.port", 0, "test").put("grpc.port", 0, "test"));
  }

  private JsonObject locate(NearflowNode via, String unitId) {
    return Await.result(via.vertx().eventBus().<JsonObject>request(io.nearflow.protocol.Addresses.DATA_MASTER,
        new JsonObject().put("action", "locate").put("unitId", unitId)
            .put("from", io.nearflow.data.LocalityJson.toJson(Locality.of("cloud1-a", "cloud1")))).map(m -> m.body()),
        Duration.ofSeconds(15));
  }

  @Test
  void a_host_that_comes_back_re_announces_its_units_which_were_kept_as_unreachable_meanwhile() {
    String cluster = TestClusters.uniqueName(getClass());
    List<Integer> ports = FreePorts.find("127.0.0.1", 3);
    String members = ports.stream().map(p -> "127.0.0.1:" + p).reduce((a, b) -> a + "," + b).orElseThrow();
    nodes.add(Await.result(NearflowNode.start(config(cluster, members, ports.get(0), "cloud1", "cloud1-a", "all")), Duration.ofSeconds(60)));
    nodes.add(Await.result(NearflowNode.start(config(cluster, members, ports.get(1), "cloud1", "cloud1-b", "all")), Duration.ofSeconds(60)));
    NodeConfig busConfig = config(cluster, members, ports.get(2), "edge1", "bus-7", "adapter");
    NearflowNode bus = Await.result(NearflowNode.start(busConfig), Duration.ofSeconds(60));
    NearflowNode control = nodes.get(0);

    List<DataUnit> units = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      units.add(Workloads.put(bus, dir.resolve("scratch"), 10_000 + i, i));
    }
    for (DataUnit u : units) {
      assertThat(locate(control, u.id()).getJsonArray("locations")).hasSize(1);
    }

    Await.result(bus.close(), Duration.ofSeconds(30));
    Await.until(() -> units.stream().allMatch(u -> locate(control, u.id()).getInteger("unreachable") == 1),
        Duration.ofSeconds(20), () -> "copies on the departed bus not marked unreachable");
    assertThat(locate(control, units.get(0).id()).getJsonArray("locations")).isEmpty();

    bus = Await.result(NearflowNode.start(busConfig), Duration.ofSeconds(60));
    nodes.add(bus);
    Await.until(() -> units.stream().allMatch(u -> locate(control, u.id()).getJsonArray("locations").size() == 1),
        Duration.ofSeconds(30), () -> "units not re-announced after the bus came back");
    for (DataUnit u : units) {
      JsonObject found = locate(control, u.id());
      assertThat(DataLocation.fromJson(found.getJsonArray("locations").getJsonObject(0)).locality())
          .isEqualTo(Locality.of("bus-7", "edge1"));
      assertThat(found.getJsonObject("unit").getString("checksum")).isEqualTo(u.checksum());
      assertThat(found.getInteger("unreachable")).isZero();
    }
  }
}
