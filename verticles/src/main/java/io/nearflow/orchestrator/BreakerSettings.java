package io.nearflow.orchestrator;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.nearflow.config.Settings;
import java.time.Duration;

/**
 * Circuit breaker settings ({@code breaker.*} keys). The Resilience4j defaults (a window of 100
 * calls, 60 s open) are far too slow for zone fail-over, so the defaults here open after a few
 * sick calls and probe again after a few seconds.
 *
 * @param window calls remembered per target
 * @param minimumCalls calls needed before the failure rate counts
 * @param failureRatePercent failure rate at which the breaker opens
 * @param openFor how long an open breaker keeps work away before letting a probe through
 */
public record BreakerSettings(int window, int minimumCalls, float failureRatePercent, Duration openFor) {
  public static BreakerSettings from(Settings s) {
    return new BreakerSettings(
        s.integer("breaker.window", 1, 1000).orElse(6),
        s.integer("breaker.minimumCalls", 1, 1000).orElse(3),
        s.integer("breaker.failureRatePercent", 1, 100).orElse(50),
        Duration.ofMillis(s.integer("breaker.openMs", 100, 3_600_000).orElse(5_000)));
  }

  /**
   * A zone's breaker: a failure rate of at least 80 % over the last few seconds. A zone is sick
   * when nearly everything sent into it lately fails (a partition, a power cut), not when one of
   * its instances does (that instance's own breaker handles it). The window is time-based so the
   * successes from before an outage age out within seconds instead of outvoting the failures
   * that follow (an outage leaves few calls to count: full instances receive none).
   */
  CircuitBreakerConfig zoneConfig() {
    return CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
        .slidingWindowSize(ZONE_WINDOW_SECONDS)
        .minimumNumberOfCalls(minimumCalls)
        .failureRateThreshold(Math.max(failureRatePercent, 80f))
        .waitDurationInOpenState(openFor)
        .permittedNumberOfCallsInHalfOpenState(1)
        .automaticTransitionFromOpenToHalfOpenEnabled(true)
        .build();
  }

  /** Seconds of history a zone's breaker judges. */
  static final int ZONE_WINDOW_SECONDS = 4;

  CircuitBreakerConfig toConfig() {
    return CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(window)
        .minimumNumberOfCalls(Math.min(minimumCalls, window))
        .failureRateThreshold(failureRatePercent)
        .waitDurationInOpenState(openFor)
        .permittedNumberOfCallsInHalfOpenState(1)
        .automaticTransitionFromOpenToHalfOpenEnabled(true)
        .build();
  }
}
