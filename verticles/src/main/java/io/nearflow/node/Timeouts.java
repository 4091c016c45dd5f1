package io.nearflow.node;

import io.nearflow.config.Settings;
import java.time.Duration;

/**
 * Every timeout of a call that crosses the network, in one place ({@code timeouts.*} keys of the
 * node config). Peer data transfers have their own ({@code adapters.local-fs.transferTimeoutMs},
 * {@code idleTimeoutMs}, {@code connectTimeoutMs}) because they scale with data size, and a
 * step's own timeout is part of its workflow definition.
 *
 * @param dispatch an agent acknowledging a dispatched hop (short: the agent answers at once)
 * @param outcomeDelivery an orchestrator acknowledging a hop's outcome (re-sent on timeout)
 * @param dataMaster one data-master call (register, locate, get), tried up to three times
 * @param workTracker one work-tracker query
 * @param distance asking for the distance tables at start-up
 * @param outcomeGrace added to twice a step's timeout before a silent dispatched hop is lost
 */
public record Timeouts(Duration dispatch, Duration outcomeDelivery, Duration dataMaster, Duration workTracker,
                       Duration distance, Duration outcomeGrace) {

  public static final Timeouts DEFAULTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10),
      Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(30));

  /** The keys, for the config loader's list of known settings. */
  public static final java.util.List<String> KEYS = java.util.List.of("timeouts.dispatchMs",
      "timeouts.outcomeDeliveryMs", "timeouts.dataMasterMs", "timeouts.workTrackerMs", "timeouts.distanceMs",
      "timeouts.outcomeGraceMs");

  public static Timeouts from(Settings s) {
    return new Timeouts(
        ms(s, "timeouts.dispatchMs", DEFAULTS.dispatch),
        ms(s, "timeouts.outcomeDeliveryMs", DEFAULTS.outcomeDelivery),
        ms(s, "timeouts.dataMasterMs", DEFAULTS.dataMaster),
        ms(s, "timeouts.workTrackerMs", DEFAULTS.workTracker),
        ms(s, "timeouts.distanceMs", DEFAULTS.distance),
        Duration.ofMillis(s.integer("timeouts.outcomeGraceMs", 0, 86_400_000).orElse((int) DEFAULTS.outcomeGrace.toMillis())));
  }

  private static Duration ms(Settings s, String key, Duration fallback) {
    return Duration.ofMillis(s.integer(key, 1, 3_600_000).orElse((int) fallback.toMillis()));
  }
}
