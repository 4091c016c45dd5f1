package io.nearflow.orchestrator;

import io.nearflow.protocol.Addresses;
import io.nearflow.worktracker.HopRecord;
import io.nearflow.worktracker.RunRecord;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publishes the events of a run on its own address, for watchers (the gRPC watch stream, the
 * demo). Publishing to an address nobody listens on costs a local lookup only.
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
    bus.publish(Addresses.runEvents(run.runId()), new JsonObject().put("type", "run-started").put("run", run.toJson()));
  }

  void hop(HopRecord hop, String what) {
    bus.publish(Addresses.runEvents(hop.runId()), new JsonObject().put("type", "hop-" + what).put("hop", hop.toApiJson()));
  }

  void runEnded(RunRecord run) {
    if (ended.put(run.runId(), Boolean.TRUE) == null) {
      bus.publish(Addresses.runEvents(run.runId()), new JsonObject().put("type", "run-ended").put("run", run.toJson()));
    }
  }
}
