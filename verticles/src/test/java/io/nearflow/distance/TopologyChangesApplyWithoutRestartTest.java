package io.nearflow.distance;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.config.Settings;
import io.nearflow.node.EmbeddedCluster;
import io.nearflow.node.NearflowNode;
import io.nearflow.protocol.Addresses;
import io.nearflow.routing.DistanceCalculator;
import io.nearflow.routing.Locality;
import io.nearflow.testing.Await;
import io.nearflow.testing.TestClusters;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distance calculator republishes its tables when the topology file changes and when hosts leave. */
class TopologyChangesApplyWithoutRestartTest {
  @TempDir Path dir;
  private EmbeddedCluster cluster;

  @AfterEach
  void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void a_zone_added_to_the_topology_file_and_a_host_leaving_reach_subscribers_without_a_restart() throws Exception {
    Path topo = dir.resolve("city.yaml");
    Files.writeString(topo, """
        name: city
        intraZoneDistance: 5
        unknownDistance: 1000
        zones: [north, south]
        distances: {north: {south: 40}}
        """);
    cluster = Await.result(EmbeddedCluster.start(EmbeddedCluster.Options
        .defaults(TestClusters.uniqueName(getClass()), dir.resolve("nodes")).withTopology(topo.toString())
        .withSettings(new Settings())), Duration.ofSeconds(90));
    Await.result(cluster.awaitFullView(30_000), Duration.ofSeconds(40));
    NearflowNode observer = cluster.node("north-a");
    AtomicReference<DistanceCalculator> latest = new AtomicReference<>();
    Await.result(observer.vertx().eventBus().<JsonObject>consumer(Addresses.DISTANCE_TABLES,
        m -> latest.set(DistanceTables.calculator(m.body()))).completion(), Duration.ofSeconds(10));

    Files.writeString(topo, """
        name: city
        intraZoneDistance: 5
        unknownDistance: 1000
        zones: [north, south, harbour]
        distances: {north: {south: 40, harbour: 15}, south: {harbour: 60}}
        """);
    Await.until(() -> latest.get() != null && latest.get().topology().zones().contains("harbour"),
        Duration.ofSeconds(20), () -> "new zone not published");
    assertThat(latest.get().distance(Locality.zoneOnly("north"), Locality.zoneOnly("harbour"))).isEqualTo(15);
    assertThat(latest.get().distance(Locality.of("north-a", "north"), Locality.of("north-b", "north"))).isEqualTo(5);

    Await.result(cluster.node("south-b").close(), Duration.ofSeconds(30));
    Await.until(() -> !latest.get().hosts().containsKey("south-b"), Duration.ofSeconds(20), () -> "host leave not published");
    assertThat(latest.get().hosts()).containsKeys("north-a", "north-b", "south-a");
  }
}
