package io.nearflow.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

  @Test
  void every_instant_nearflow_writes_reads_back_exactly() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 20_000; i++) {
      // years 0000..9999, i.e. every instant Instant.toString writes without a sign
      long second = random.nextLong(-62_167_219_200L, 253_402_300_800L);
      long nanos = random.nextLong(1_000_000_000L);
      roundTrips(second, nanos);
    }
    roundTrips(0, 0);
    roundTrips(951_782_400L, 1); // 2000-02-29
  }

  private static void roundTrips(long second, long nanos) {
    for (long n : new long[] {0, nanos / 1_000_000 * 1_000_000, nanos / 1_000 * 1_000, nanos}) {
      Instant t = Instant.ofEpochSecond(second, n);
      String text = t.toString();
      assertThat(IsoInstants.fast(text)).as(text).isEqualTo(t);
      assertThat(IsoInstants.parse(text)).isEqualTo(Instant.parse(text));
    }
  }

  @Test
  void other_iso_forms_still_parse_the_general_way() {
    assertThat(IsoInstants.fast("2025-01-31T12:00:00+01:00")).isNull();
    assertThat(IsoInstants.parse("2025-01-31T12:00:00+01:00")).isEqualTo(Instant.parse("2025-01-31T11:00:00Z"));
    assertThat(IsoInstants.parse("2025-01-31T12:00:00.5Z")).isEqualTo(Instant.parse("2025-01-31T12:00:00.500Z"));
  }

  @Test
  void malformed_text_is_refused_like_instant_parse_refuses_it() {
    for (String bad : new String[] {"2025-02-30T12:00:00Z", "2025-01-31T25:00:00Z", "2025-01-31 12:00:00Z",
        "2025-1-31T12:00:00Z", "2025-01-31T12:00:00.1234567890Z", "yesterday", ""}) {
      assertThatThrownBy(() -> IsoInstants.parse(bad)).as(bad).isInstanceOf(DateTimeParseException.class);
    }
  }
}
