package io.nearflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void the_wait_grows_by_the_multiplier_and_stops_at_the_cap() {
    RetryPolicy p = RetryPolicy.DEFAULT; // 200ms, x2, at most 5s
    assertThat(p.backoffBefore(1)).isZero();
    assertThat(p.backoffBefore(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(p.backoffBefore(3)).isEqualTo(Duration.ofMillis(400));
    assertThat(p.backoffBefore(6)).isEqualTo(Duration.ofMillis(3200));
    assertThat(p.backoffBefore(7)).isEqualTo(Duration.ofSeconds(5));
    assertThat(p.backoffBefore(100)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void max_attempts_counts_the_first_try() {
    assertThat(RetryPolicy.DEFAULT.allowsAnotherAttempt(2)).isTrue();
    assertThat(RetryPolicy.DEFAULT.allowsAnotherAttempt(3)).isFalse();
  }

  @Test
  void a_policy_out_of_bounds_cannot_be_built() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 1)).hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1), 2)).hasMessageContaining("maxBackoff");
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ZERO, Double.NaN)).hasMessageContaining("multiplier");
  }
}
