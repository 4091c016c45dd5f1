package io.nearflow.workflow;

import java.time.Duration;

/**
 * How often and how patiently a failed hop of a step is tried again: up to {@code maxAttempts}
 * tries in all (the first one included), waiting {@code initialBackoff} before the second and
 * multiplying the wait by {@code multiplier} each time, never waiting longer than
 * {@code maxBackoff}. In a file: {@code retry: {maxAttempts: 5, backoff: 1s, maxBackoff: 30s}}.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier) {
  public static final int MAX_ATTEMPTS_LIMIT = 100;
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(5), 2.0);

  public RetryPolicy {
    if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
      throw new IllegalArgumentException("maxAttempts must be between 1 and " + MAX_ATTEMPTS_LIMIT + ", got " + maxAttempts);
    }
    if (initialBackoff == null || initialBackoff.isNegative()) {
      throw new IllegalArgumentException("backoff must be zero or more");
    }
    if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff must be at least backoff");
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be a number of at least 1.0, got " + multiplier);
    }
  }

  /** Whether a hop that has been tried {@code attemptsSoFar} times may be tried again. */
  public boolean allowsAnotherAttempt(int attemptsSoFar) {
    return attemptsSoFar < maxAttempts;
  }

  /** The wait before try number {@code attempt} (2 = the first retry); zero for the first try. */
  public Duration backoffBefore(int attempt) {
    if (attempt <= 1) {
      return Duration.ZERO;
    }
    double nanos = initialBackoff.toNanos() * Math.pow(multiplier, attempt - 2);
    // Compare as doubles first: a long overflow would wrap to a small wait.
    return nanos >= maxBackoff.toNanos() ? maxBackoff : Duration.ofNanos((long) nanos);
  }
}
