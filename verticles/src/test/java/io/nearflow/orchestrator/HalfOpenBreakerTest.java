package io.nearflow.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.nearflow.protocol.InstanceInfo;
import io.nearflow.testing.Await;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A breaker that has waited out its open period lets a trial through, not the whole queue: when
 * it goes half-open every waiting hop of the step type is routed again, and each asks whether
 * the instance is available. Only the trial's answer may close the breaker again.
 */
class HalfOpenBreakerTest {
  private static final Duration OPEN_FOR = Duration.ofMillis(200);
  private static final InstanceInfo SICK = new InstanceInfo("edge1-b/echo", "echo", "edge1-b", "edge1-b", "edge1", 4);
  private static final InstanceInfo HEALTHY = new InstanceInfo("edge1-a/echo", "echo", "edge1-a", "edge1-a", "edge1", 4);

  private final Map<String, String> published = new ConcurrentHashMap<>();
  private final MutableClock clock = new MutableClock();
  private final Breakers breakers = new Breakers(new BreakerSettings(4, 2, 50, OPEN_FOR), published::put, "orch-1",
      target -> { }, zone -> List.of(SICK, HEALTHY), clock);

  @Test
  void a_half_open_instance_takes_one_trial_hop_and_the_rest_of_the_queue_waits_for_its_answer() {
    openThenHalfOpen(SICK);

    assertThat(askTenTimes(SICK)).as("availability asked for ten queued hops").containsExactly(
        true, false, false, false, false, false, false, false, false, false);
    assertThat(askTenTimes(HEALTHY)).as("another instance of the zone is not held back").containsOnly(true);

    breakers.answered(SICK); // the trial hop was acknowledged
    assertThat(breakers.state(SICK.instanceId())).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(askTenTimes(SICK)).as("closed again: every hop may go").containsOnly(true);
  }

  @Test
  void a_trial_that_fails_opens_the_breaker_again() {
    openThenHalfOpen(SICK);
    assertThat(routeTo(SICK)).isTrue();

    breakers.sick(SICK, "no handler");

    assertThat(breakers.state(SICK.instanceId())).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(askTenTimes(SICK)).containsOnly(false);
  }

  @Test
  void a_trial_permit_that_no_hop_used_is_offered_again_after_an_open_period() {
    openThenHalfOpen(SICK);
    assertThat(routeTo(SICK)).as("taken for a hop whose answer never comes").isTrue();
    assertThat(routeTo(SICK)).isFalse();

    clock.advance(OPEN_FOR.minusMillis(1));
    assertThat(routeTo(SICK)).as("still within the lease of the first trial").isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(askTenTimes(SICK)).as("no answer for an open period: one more trial").containsExactly(
        true, false, false, false, false, false, false, false, false, false);
  }

  @Test
  void a_half_open_zone_takes_one_trial_hop_across_all_its_instances() {
    for (int i = 0; i < 2; i++) {
      breakers.sick(SICK, "partition");
      breakers.sick(HEALTHY, "partition");
    }
    String zone = Breakers.zoneTarget("edge1");
    assertThat(breakers.state(zone)).isEqualTo(CircuitBreaker.State.OPEN);
    Await.until(() -> breakers.state(zone) == CircuitBreaker.State.HALF_OPEN, Duration.ofSeconds(5),
        () -> "zone breaker still " + breakers.state(zone));
    Await.until(() -> breakers.state(SICK.instanceId()) == CircuitBreaker.State.HALF_OPEN, Duration.ofSeconds(5),
        () -> "instance breaker still " + breakers.state(SICK.instanceId()));

    List<Boolean> asked = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      asked.add(routeTo(SICK));
      asked.add(routeTo(HEALTHY));
    }
    assertThat(asked).as("ten hops offered to either instance of the half-open zone").containsOnlyOnce(true);
  }

  private void openThenHalfOpen(InstanceInfo target) {
    for (int i = 0; i < 3; i++) {
      breakers.answered(HEALTHY); // the zone as a whole answers, so only the instance's breaker opens
    }
    breakers.sick(target, "dispatch timed out");
    breakers.sick(target, "dispatch timed out");
    assertThat(breakers.state(target.instanceId())).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(routeTo(target)).as("open").isFalse();
    Await.until(() -> breakers.state(target.instanceId()) == CircuitBreaker.State.HALF_OPEN, Duration.ofSeconds(5),
        () -> "breaker still " + breakers.state(target.instanceId()));
  }

  /** What the orchestrator does for a hop: consider the target while routing, then take its trial if chosen. */
  private boolean routeTo(InstanceInfo target) {
    return breakers.routable(target) && breakers.takeTrial(target);
  }

  @Test
  void routing_that_only_considers_a_half_open_target_takes_no_trial() {
    openThenHalfOpen(SICK);
    for (int i = 0; i < 10; i++) {
      assertThat(breakers.routable(SICK)).as("considered by routing, chosen by none").isTrue();
    }
    assertThat(routeTo(SICK)).as("the hop finally sent there gets the trial").isTrue();
    assertThat(breakers.routable(SICK)).as("its trial is out").isFalse();
  }

  private List<Boolean> askTenTimes(InstanceInfo target) {
    List<Boolean> out = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      out.add(routeTo(target));
    }
    return out;
  }

  /** Time for the trial lease only; Resilience4j's own open period runs on the wall clock. */
  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-12-07T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
