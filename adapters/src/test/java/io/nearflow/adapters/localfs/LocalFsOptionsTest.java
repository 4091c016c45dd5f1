package io.nearflow.adapters.localfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The adapter's config section as settings deliver it: JSON types from files, text from env and flags. */
class LocalFsOptionsTest {
  private static JsonObject section() {
    return new JsonObject().put("storeDir", "/var/nearflow/store");
  }

  @Test
  void absent_fields_take_the_defaults() {
    LocalFsOptions o = LocalFsOptions.fromJson(section());
    assertThat(o).isEqualTo(LocalFsOptions.defaults(o.storeDir()));
  }

  @Test
  void json_typed_values_are_read_as_they_are() {
    LocalFsOptions o = LocalFsOptions.fromJson(section().put("keepAlive", false).put("transferTimeoutMs", 60000)
        .put("maxConnectionsPerPeer", 2L).put("workerThreads", 6).put("maxUploadBytes", 1024));
    assertThat(o.peerHttp().keepAlive()).isFalse();
    assertThat(o.peerHttp().transferTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(o.peerHttp().maxConnectionsPerPeer()).isEqualTo(2);
    assertThat(o.workerThreads()).isEqualTo(6);
    assertThat(o.maxUploadBytes()).isEqualTo(1024);
  }

  @Test
  void values_written_as_text_are_accepted_with_booleans_in_any_case() {
    LocalFsOptions o = LocalFsOptions.fromJson(section().put("keepAlive", "FALSE").put("idleTimeoutMs", "5000")
        .put("workerThreads", " 2 "));
    assertThat(o.peerHttp().keepAlive()).isFalse();
    assertThat(o.peerHttp().idleTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.workerThreads()).isEqualTo(2);
    assertThat(LocalFsOptions.fromJson(section().put("keepAlive", "True")).peerHttp().keepAlive()).isTrue();
  }

  @Test
  void a_value_that_is_neither_true_nor_false_is_refused_naming_the_field() {
    assertThatThrownBy(() -> LocalFsOptions.fromJson(section().put("keepAlive", "yes please")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("local-fs config field 'keepAlive': expected true or false, got 'yes please'");
    assertThatThrownBy(() -> LocalFsOptions.fromJson(section().put("keepAlive", 1)))
        .hasMessage("local-fs config field 'keepAlive': expected true or false, got '1'");
  }

  @Test
  void a_number_field_refuses_fractions_words_and_values_out_of_range_naming_the_field() {
    assertThatThrownBy(() -> LocalFsOptions.fromJson(section().put("workerThreads", 2.5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("local-fs config field 'workerThreads': expected a whole number up to 2147483647, got '2.5'");
    assertThatThrownBy(() -> LocalFsOptions.fromJson(section().put("transferTimeoutMs", "ten minutes")))
        .hasMessage("local-fs config field 'transferTimeoutMs': expected a whole number, got 'ten minutes'");
    assertThatThrownBy(() -> LocalFsOptions.fromJson(section().put("maxConnectionsPerPeer", 1L << 40)))
        .hasMessage("local-fs config field 'maxConnectionsPerPeer': expected a whole number up to 2147483647, got '1099511627776'");
  }

  @Test
  void a_missing_store_directory_is_refused() {
    assertThatThrownBy(() -> LocalFsOptions.fromJson(new JsonObject().put("keepAlive", true)))
        .hasMessage("local-fs config field 'storeDir' is missing");
  }
}
