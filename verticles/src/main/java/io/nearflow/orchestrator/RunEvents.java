package io.nearflow.orchestrator;

import io.nearflow.protocol.RunEventStream;
import io.nearflow.worktracker.HopRecord;
import io.nearflow.worktracker.RunRecord;
import io.vertx.core.eventbus.EventBus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publishes the events of a run for watchers (the gRPC watch stream, the demo) on the
 * {@link RunEventStream}; with nobody watching anywhere, a publish costs a cached look-up.
 */
final class RunEvents {
  private final EventBus bus;
  /** Runs whose end was already announced by this orchestrator (bounded): announce once. */
  private final Map<String, Boolean> ended = new LinkedHashMap<>(256, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > 10_000;
    }
  };

  RunEvents(EventBus bus) {
    this.bus = bus;
  }

  void runStarted(RunRecord run) {
    RunEventStream.publish(bus, run.runId(), "run-started", "run", run.toJson());
  }

  void hop(HopRecord hop, String what) {
    RunEventStream.publish(bus, hop.runId(), "hop-" + what, "hop", hop.toApiJson());
  }

  void runEnded(RunRecord run) {
    if (ended.put(run.runId(), Boolean.TRUE) == null) {
      RunEventStream.publish(bus, run.runId(), "run-ended", "run", run.toJson());
    }
  }
}
