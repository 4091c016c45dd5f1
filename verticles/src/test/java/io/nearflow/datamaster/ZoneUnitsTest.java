package io.nearflow.datamaster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.nearflow.data.DataLocation;
import io.nearflow.data.DataUnit;
import io.nearflow.routing.Locality;
import io.nearflow.testing.Await;
import io.nearflow.testing.TestClusters;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The zone's data registry at its scheduler: answers inside the zone, feeds the cluster index behind. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZoneUnitsTest {
  private HazelcastInstance hazelcast;
  private Vertx vertx;
  private ZoneUnits units;

  @BeforeAll
  void start() {
    Config config = new Config().setClusterName(TestClusters.uniqueName(getClass()));
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.getNetworkConfig().setPort(io.nearflow.node.FreePorts.find("127.0.0.1", 1).get(0)).setPortAutoIncrement(false);
    config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
    config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
    hazelcast = Hazelcast.newHazelcastInstance(config);
    vertx = Vertx.vertx();
    units = onContext(() -> new ZoneUnits(vertx, hazelcast, 5_000, () -> Set.of("h1", "h2")));
  }

  @AfterAll
  void stop() {
    vertx.close();
    hazelcast.shutdown();
  }

  /** ZoneUnits is used on one Vert.x context, as at the scheduler. */
  private <T> T onContext(java.util.function.Supplier<T> call) {
    CompletableFuture<T> f = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      try {
        f.complete(call.get());
      } catch (RuntimeException | AssertionError e) {
        f.completeExceptionally(e);
      }
    });
    return f.orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).join();
  }

  /** @param content a short name for the content: the checksum is derived from it */
  private static DataUnit unit(String id, String host, String content) {
    String checksum = "sha256:" + String.format("%64s", Integer.toHexString(content.hashCode() & 0x7fffffff)).replace(' ', '0');
    return DataUnit.fromJson(new JsonObject().put("id", id).put("adapter", "local-fs").put("locator", id)
        .put("sizeBytes", 10).put("checksum", checksum).put("locality", new JsonObject().put("host", host).put("zone", "edge1"))
        .put("createdAt", "2026-12-07T00:00:00Z"));
  }

  @Test
  void a_unit_registered_in_the_zone_is_located_there_nearest_copy_first_and_reaches_the_cluster_index() {
    onContext(() -> units.register(unit("u1", "h2", "sha256:aa")));
    onContext(() -> units.register(unit("u1", "h1", "sha256:aa")));
    assertThat(onContext(() -> units.locate("u1", Locality.of("h1", "edge1"))))
        .extracting(l -> l.locality().host()).containsExactly("h1", "h2");
    // The index is fed behind: both copies arrive there, the second after the first.
    Await.until(() -> indexed("u1") == 2, Duration.ofSeconds(10), () -> "u1's copies in the index: " + indexed("u1"));
  }

  private int indexed(String unitId) {
    Object json = hazelcast.getMap(DataMasterVerticle.UNITS).get(unitId);
    return json == null ? 0 : UnitEntry.fromJson(new JsonObject((String) json)).copies().size();
  }

  @Test
  void different_content_under_a_known_id_is_refused_and_the_first_registration_stays() {
    assertThat(onContext(() -> units.register(unit("u2", "h1", "sha256:first")))).isEmpty();
    assertThat(onContext(() -> units.register(unit("u2", "h1", "sha256:second")))).contains("already registered");
    assertThat(onContext(() -> units.unit("u2")).checksum()).isEqualTo(unit("u2", "h1", "sha256:first").checksum());
  }

  @Test
  void copies_on_hosts_that_left_are_not_offered_and_a_removed_or_retired_unit_is_gone() {
    onContext(() -> units.register(unit("u3", "h9", "sha256:cc")));
    assertThat(onContext(() -> units.locate("u3", Locality.of("h1", "edge1")))).as("h9 has no live node").isEmpty();
    onContext(() -> units.register(unit("u3", "h1", "sha256:cc")));
    onContext(() -> {
      units.remove("u3", DataLocation.of(unit("u3", "h1", "sha256:cc")));
      return null;
    });
    assertThat(onContext(() -> units.locate("u3", Locality.of("h1", "edge1")))).isEmpty();
    onContext(() -> units.register(unit("u4", "h1", "sha256:dd")));
    onContext(() -> {
      units.forget("u4");
      return null;
    });
    assertThat(onContext(() -> units.unit("u4"))).isNull();
  }
}
