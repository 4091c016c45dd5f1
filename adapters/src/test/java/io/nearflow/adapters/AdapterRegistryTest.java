package io.nearflow.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.data.InMemoryDataRegistry;
import io.nearflow.routing.Locality;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class AdapterRegistryTest {
  @TempDir Path tmp;

  AdapterContext context(Vertx vertx) {
    return AdapterContext.of(vertx, Locality.of("host-a", "zone-a"), new InMemoryDataRegistry(), host -> java.util.Optional.empty());
  }

  @Test
  void adaptersAreCreatedByNameFromConfigWithoutTheCallerKnowingTheirClasses(Vertx vertx) throws Exception {
    JsonObject config = new JsonObject().put("storeDir", tmp.resolve("store").toString()).put("keepAlive", false);

    AdapterRegistry registry = AdapterRegistry.load(context(vertx), Map.of("local-fs", config))
        .await(20, TimeUnit.SECONDS);

    assertThat(registry.names()).containsExactly("local-fs");
    assertThat(registry.adapter("local-fs").granularity()).isEqualTo(LocalityGranularity.HOST);
    assertThat(tmp.resolve("store")).isDirectory();
    registry.closeAll().await(20, TimeUnit.SECONDS);
  }

  @Test
  void anUnknownAdapterNameFailsListingTheKnownOnes(Vertx vertx) {
    var loading = AdapterRegistry.load(context(vertx), Map.of("s3", new JsonObject()));

    assertThat(loading.toCompletionStage().toCompletableFuture())
        .failsWithin(java.time.Duration.ofSeconds(20))
        .withThrowableThat().withMessageContaining("no data adapter named 's3'").withMessageContaining("local-fs");
  }

  @Test
  void aBadConfigFailsNamingTheField(Vertx vertx) {
    var loading = AdapterRegistry.load(context(vertx), Map.of("local-fs", new JsonObject()));

    assertThat(loading.toCompletionStage().toCompletableFuture())
        .failsWithin(java.time.Duration.ofSeconds(20))
        .withThrowableThat().withMessageContaining("'storeDir'");
  }
}
