package io.nearflow.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.routing.Locality;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryDataRegistryTest {
  static final Locality A1 = Locality.of("a1", "zone-a");
  static final Locality A2 = Locality.of("a2", "zone-a");
  static final Locality B1 = Locality.of("b1", "zone-b");

  final InMemoryDataRegistry registry = new InMemoryDataRegistry();

  static DataUnit unit(Locality where, String checksum) {
    return new DataUnit("o1", "local-fs", "o1", 5, checksum, where, "hop-1", Instant.EPOCH);
  }

  static <T> T done(Future<T> future) {
    assertThat(future.succeeded()).as("completed successfully: %s", future.cause()).isTrue();
    return future.result();
  }

  @Test
  void registeringTheSameUnitTwiceIsANoOp() {
    done(registry.register(unit(B1, DataUnitTest.CHECKSUM)));
    done(registry.register(unit(B1, DataUnitTest.CHECKSUM)));

    assertThat(done(registry.locate("o1"))).hasSize(1);
  }

  @Test
  void theSameBytesAtAnotherHostAddALocation() {
    done(registry.register(unit(B1, DataUnitTest.CHECKSUM)));
    done(registry.register(unit(A2, DataUnitTest.CHECKSUM)));

    assertThat(done(registry.locate("o1"))).extracting(DataLocation::locality).containsExactly(B1, A2);
  }

  @Test
  void otherBytesUnderAKnownIdAreAConflictAndTheFirstRegistrationWins() {
    done(registry.register(unit(B1, DataUnitTest.CHECKSUM)));

    Future<Void> second = registry.register(unit(A1, Checksums.sha256(new byte[5])));

    assertThat(second.cause()).isInstanceOf(DataUnitConflictException.class).hasMessageContaining("o1");
    assertThat(registry.unit("o1")).get().extracting(DataUnit::checksum).isEqualTo(DataUnitTest.CHECKSUM);
  }

  @Test
  void aUnitIsForgottenWithItsLastLocationAndRemovingTwiceIsFine() {
    done(registry.register(unit(B1, DataUnitTest.CHECKSUM)));
    done(registry.register(unit(A2, DataUnitTest.CHECKSUM)));

    done(registry.remove("o1", DataLocation.of(unit(B1, DataUnitTest.CHECKSUM))));
    assertThat(done(registry.locate("o1"))).hasSize(1);
    done(registry.remove("o1", DataLocation.of(unit(A2, DataUnitTest.CHECKSUM))));
    done(registry.remove("o1", DataLocation.of(unit(A2, DataUnitTest.CHECKSUM))));

    assertThat(done(registry.locate("o1"))).isEmpty();
    assertThat(registry.unit("o1")).isEmpty();
  }

  @Test
  void aHostsViewListsLocationsNearestFirst() {
    for (Locality where : List.of(B1, A2, A1)) {
      done(registry.register(unit(where, DataUnitTest.CHECKSUM)));
    }

    List<DataLocation> seenFromA1 = done(registry.viewFrom(A1).locate("o1"));

    assertThat(seenFromA1).extracting(DataLocation::locality).containsExactly(A1, A2, B1);
  }

  @Test
  void finalOutputsAreKeptAndIntermediatesDeletedWhenConsumedByDefault() {
    assertThat(RetentionPolicy.defaultFor(true)).isEqualTo(RetentionPolicy.KEEP);
    assertThat(RetentionPolicy.defaultFor(false).deletesWhenConsumed()).isTrue();
  }
}
