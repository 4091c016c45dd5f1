package io.nearflow.orchestrator;

import io.nearflow.config.Settings;
import io.nearflow.routing.RoutingAlgorithms;
import java.time.Duration;

/**
 * Orchestrator settings ({@code orchestrator.*} keys of the node config).
 *
 * @param routing greedy, load-spreading or round-robin
 * @param dispatchTimeout how long an agent may take to acknowledge a dispatch
 * @param outcomeGrace added to twice the step timeout before a dispatched hop with no outcome is
 *     declared lost (covers pull and push time)
 */
public record OrchestratorOptions(String routing, Duration dispatchTimeout, Duration outcomeGrace,
                                  Duration recordRetention) {
  /** How long the records of an ended run are kept (see {@link io.nearflow.worktracker.RecordRetention}). */
  public static final String RECORD_RETENTION_HOURS = io.nearflow.worktracker.RecordRetention.HOURS;
  public static final String ROUTING = "orchestrator.routing";
  public static final String DISPATCH_TIMEOUT_MS = "orchestrator.dispatchTimeoutMs";
  public static final String OUTCOME_GRACE_MS = "orchestrator.outcomeGraceMs";

  public static OrchestratorOptions from(Settings s) {
    String routing = s.string(ROUTING).orElse(RoutingAlgorithms.LOAD_SPREADING);
    try {
      RoutingAlgorithms.byName(routing);
    } catch (IllegalArgumentException e) {
      throw Settings.error(ROUTING, s.get(ROUTING).orElse(null), e.getMessage());
    }
    // timeouts.* is the one place for timeouts; orchestrator.dispatchTimeoutMs/outcomeGraceMs
    // are kept as older names for the same two values.
    io.nearflow.node.Timeouts t = io.nearflow.node.Timeouts.from(s);
    return new OrchestratorOptions(routing,
        s.integer(DISPATCH_TIMEOUT_MS, 1, 600_000).map(v -> Duration.ofMillis(v)).orElse(t.dispatch()),
        s.integer(OUTCOME_GRACE_MS, 0, 86_400_000).map(v -> Duration.ofMillis(v)).orElse(t.outcomeGrace()),
        io.nearflow.worktracker.RecordRetention.from(s).retention());
  }
}
