package io.nearflow.agent;

import io.nearflow.protocol.InstanceInfo;
import io.nearflow.step.Step;

/** A long-lived worker of one step type on this host, with its slot limit and current load. */
final class StepInstance {
  final InstanceInfo info;
  final Step step;
  int running;

  StepInstance(InstanceInfo info, Step step) {
    this.info = info;
    this.step = step;
  }

  boolean hasSlot() {
    return running < info.slots();
  }
}
