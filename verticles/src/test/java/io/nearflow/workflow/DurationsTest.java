package io.nearflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void durations_are_written_with_a_unit_as_in_go_and_argo() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
    assertThat(Durations.parse("0s")).isZero();
  }

  @Test
  void a_number_without_a_unit_or_a_negative_duration_is_refused() {
    for (String bad : new String[] {"30", "-5s", "5 m", "5min", "", "s", "1h 30m"}) {
      assertThatThrownBy(() -> Durations.parse(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected a duration like 500ms, 30s, 5m or 1h30m (got '" + bad.trim() + "')");
    }
  }

  @Test
  void durations_are_formatted_in_the_largest_exact_unit_and_read_back() {
    assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
    assertThat(Durations.format(Duration.ofHours(2))).isEqualTo("2h");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    for (Duration d : new Duration[] {Duration.ofNanos(7), Duration.ofMillis(200), Duration.ofDays(3)}) {
      assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }
  }
}
