package io.nearflow.orchestrator;

import io.nearflow.workflow.StepDefinition;
import io.nearflow.workflow.WorkflowDefinition;
import io.nearflow.worktracker.HopRecord;
import io.vertx.core.Future;
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
  /** Completes with whether the run admitted this hop; null = admitted when it was taken on. */
  Future<Boolean> admission;
  /** The instance whose slot this hop's current attempt booked, once booked. */
  String bookedOn;
  /** The step whose output this hop consumes, when this orchestrator created the hop from it (else null). */
  String producerStep;
  long watchdogTimer = -1;
  /**
   * Another zone's scheduler handed this hop here (spillback): it is routed among this
   * scheduler's own instances only, so a hop never bounces between zones. Cleared on a retry.
   */
  boolean spilledHere;

  PendingHop(WorkflowDefinition workflow, StepDefinition step, HopRecord record) {
    this.workflow = workflow;
    this.step = step;
    this.record = record;
  }

  String id() {
    return record.hopId();
  }
}
