package io.nearflow.agent;

import io.nearflow.protocol.InstanceInfo;
import io.nearflow.step.Step;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A long-lived worker of one step type on this host, with its slot limit and the hops running on
 * it (by slot token, {@code hopId#attempt}): what the agent reports to its zone's scheduler.
 */
final class StepInstance {
  final InstanceInfo info;
  final Step step;
  final Set<String> running = new LinkedHashSet<>();

  StepInstance(InstanceInfo info, Step step) {
    this.info = info;
    this.step = step;
  }

  boolean hasSlot() {
    return running.size() < info.slots();
  }
}
