package io.nearflow.step.process;

import java.time.Duration;

/**
 * Timings of the supervision of one compute process.
 *
 * @param startTimeout   how long a fresh process may take to answer Describe
 * @param probeInterval  pause between Describe attempts while it starts
 * @param probeTimeout   deadline of one Describe call
 * @param initialBackoff wait before the first restart; doubles per consecutive failure
 * @param maxBackoff     cap of that wait
 * @param stableAfter    a process that ran this long before dying restarts without backoff
 *                       history (one crash a day is not a crash loop)
 * @param stopGrace      SIGTERM to SIGKILL on close or when it does not start in time
 */
public record ComputeProcessOptions(
    Duration startTimeout, Duration probeInterval, Duration probeTimeout,
    Duration initialBackoff, Duration maxBackoff, Duration stableAfter, Duration stopGrace) {

  public static ComputeProcessOptions defaults() {
    return new ComputeProcessOptions(Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(2),
        Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(5));
  }

  /** The wait before restart number {@code failures + 1}: initial * 2^failures, capped. */
  public long backoffMillis(int failures) {
    long ms = initialBackoff.toMillis() << Math.min(failures, 20);
    return Math.max(1, Math.min(ms, maxBackoff.toMillis()));
  }
}
