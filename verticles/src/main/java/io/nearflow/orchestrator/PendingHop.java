package io.nearflow.orchestrator;

import io.nearflow.workflow.StepDefinition;
import io.nearflow.workflow.WorkflowDefinition;
import io.nearflow.worktracker.HopRecord;
import java.util.HashSet;
import java.util.Set;

/**
 * A hop this orchestrator is responsible for and that is not finished: its record, the step it
 * runs and the instances it should avoid on its next attempt (those that already failed it).
 */
final class PendingHop {
  final WorkflowDefinition workflow;
  final StepDefinition step;
  HopRecord record;
  final Set<String> avoid = new HashSet<>();
  long watchdogTimer = -1;

  PendingHop(WorkflowDefinition workflow, StepDefinition step, HopRecord record) {
    this.workflow = workflow;
    this.step = step;
    this.record = record;
  }

  String id() {
    return record.hopId();
  }
}
