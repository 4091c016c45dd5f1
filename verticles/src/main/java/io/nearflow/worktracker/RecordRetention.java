package io.nearflow.worktracker;

import io.nearflow.config.Settings;
import java.time.Duration;

/**
 * How long the records of an ended run (the run and its hops) are kept, everywhere they are
 * kept: the cluster maps, the zone schedulers' memory and their journals. Running runs are never
 * expired.
 *
 * @param retention {@value #HOURS} (default 168), or {@value #SECONDS} when set (it wins: for
 *     tests and short-lived clusters)
 * @param sweepEvery {@value #SWEEP_SECONDS} (default 300): how often the cluster maps are swept
 *     for ended runs past the retention, so a record lives at most this much longer
 */
public record RecordRetention(Duration retention, Duration sweepEvery) {
  public static final String HOURS = "orchestrator.recordRetentionHours";
  public static final String SECONDS = "orchestrator.recordRetentionSeconds";
  public static final String SWEEP_SECONDS = "orchestrator.recordSweepSeconds";

  public static RecordRetention from(Settings s) {
    Duration retention = s.integer(SECONDS, 1, Integer.MAX_VALUE).map(v -> Duration.ofSeconds(v))
        .orElseGet(() -> Duration.ofHours(s.integer(HOURS, 1, 24 * 3650).orElse(24 * 7)));
    Duration sweep = Duration.ofSeconds(s.integer(SWEEP_SECONDS, 1, 86_400).orElse(300));
    return new RecordRetention(retention, sweep);
  }
}
