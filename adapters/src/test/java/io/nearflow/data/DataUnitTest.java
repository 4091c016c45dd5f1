package io.nearflow.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nearflow.routing.Locality;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataUnitTest {
  static final String CHECKSUM = Checksums.sha256("hello".getBytes());

  static DataUnit unit(String producerHopId) {
    return new DataUnit(DataUnitIds.forOutput("hop-1", 0), "local-fs", "o123", 5, CHECKSUM,
        Locality.of("bus-7", "edge-north"), producerHopId, Instant.parse("2025-03-01T10:15:30.123456Z"));
  }

  @Test
  void aUnitSurvivesTheJsonRoundTripUnchanged() {
    DataUnit unit = unit("hop-1");

    DataUnit back = DataUnit.fromJson(new JsonObject(unit.toJson().encode()));

    assertThat(back).isEqualTo(unit);
  }

  @Test
  void aUnitWithoutProducerOmitsTheFieldAndReadsBackAsEmpty() {
    JsonObject json = unit(null).toJson();

    assertThat(json.containsKey("producerHopId")).isFalse();
    assertThat(DataUnit.fromJson(json).producerHop()).isEmpty();
    assertThat(DataUnit.fromJson(json).producerHopId()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"id", "adapter", "locator", "sizeBytes", "checksum", "locality", "createdAt"})
  void parsingNamesTheMissingField(String field) {
    JsonObject json = unit("hop-1").toJson();
    json.remove(field);

    assertThatThrownBy(() -> DataUnit.fromJson(json))
        .isInstanceOf(DataContractException.class)
        .hasMessageContaining("'" + field + "'")
        .satisfies(e -> assertThat(((DataContractException) e).field()).isEqualTo(field));
  }

  @Test
  void parsingNamesAFieldOfTheWrongTypeOrRange() {
    assertThatThrownBy(() -> DataUnit.fromJson(unit("").toJson().put("sizeBytes", "five")))
        .hasMessageContaining("'sizeBytes' must be an integer");
    assertThatThrownBy(() -> DataUnit.fromJson(unit("").toJson().put("sizeBytes", -1)))
        .hasMessageContaining("'sizeBytes' must be >= 0");
    assertThatThrownBy(() -> DataUnit.fromJson(unit("").toJson().put("checksum", "sha256:abc")))
        .hasMessageContaining("'checksum'");
    assertThatThrownBy(() -> DataUnit.fromJson(unit("").toJson().put("id", "../etc")))
        .hasMessageContaining("'id'");
    assertThatThrownBy(() -> DataUnit.fromJson(unit("").toJson().put("createdAt", "yesterday")))
        .hasMessageContaining("'createdAt' must be an ISO-8601 instant");
    assertThatThrownBy(() -> DataUnit.fromJson(unit("").toJson().put("locality", new JsonObject().put("zone", 3))))
        .hasMessageContaining("'locality.zone'");
  }

  @Test
  void aLocalityWithMissingPartsReadsAsTheReservedUnknownValue() {
    JsonObject json = unit("").toJson().put("locality", new JsonObject().put("zone", "cloud-eu"));

    assertThat(DataUnit.fromJson(json).locality()).isEqualTo(Locality.zoneOnly("cloud-eu"));
  }

  @Test
  void aHopsOutputIdIsTheSameOnEveryAttemptAndDiffersPerOutputAndHop() {
    String first = DataUnitIds.forOutput("run-1/hop-9", 0);

    assertThat(DataUnitIds.forOutput("run-1/hop-9", 0)).isEqualTo(first);
    assertThat(DataUnitIds.forOutput("run-1/hop-9", 1)).isNotEqualTo(first);
    assertThat(DataUnitIds.forOutput("run-1/hop-91", 0)).isNotEqualTo(DataUnitIds.forOutput("run-1/hop-9", 10));
    assertThat(DataUnitIds.isValid(first)).isTrue();
  }

  @Test
  void randomIdsAreValidAndDistinct() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      ids.add(DataUnitIds.random());
    }

    assertThat(ids).hasSize(1000).allMatch(DataUnitIds::isValid);
  }
}
