package io.nearflow.orchestrator;

import io.nearflow.workflow.StepDefinition;
import io.nearflow.workflow.WorkflowDefinition;
import io.nearflow.worktracker.HopRecord;
import io.nearflow.worktracker.HopState;
import io.nearflow.worktracker.RunChange;
import io.nearflow.worktracker.RunRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What retrying a FAILED run has to start. Its failed or cancelled hops run again from attempt 1.
 * Hops that were in flight when the run failed and succeeded afterwards offered their successors
 * to an ended run, which neither counts nor starts them (see {@link RunChange}); those successors
 * have no record, and only the workflow graph says they are owed: each output of a succeeded hop
 * times each next step, under the same deterministic hop id the orchestrator would have used.
 *
 * @param rerun hops that failed or were cancelled
 * @param started successors never started, with the unit each one consumes
 */
record RetryPlan(List<HopRecord> rerun, List<NewHop> started) {

  /** A hop the run never counted: its id, its step, and the id of the unit it consumes. */
  record NewHop(String hopId, StepDefinition step, String inputUnitId) {}

  static RetryPlan of(RunRecord run, WorkflowDefinition wf, List<HopRecord> records) {
    List<HopRecord> rerun = records.stream()
        .filter(h -> h.state() == HopState.FAILED || h.state() == HopState.CANCELLED).toList();
    Set<String> known = new LinkedHashSet<>(run.hopIds());
    List<NewHop> started = new ArrayList<>();
    for (HopRecord r : records) {
      if (r.state() != HopState.SUCCEEDED) {
        continue;
      }
      for (String output : r.outputIds()) {
        for (StepDefinition next : wf.next(r.step())) {
          String id = HopIds.hopId(run.runId(), next.name(), output);
          if (known.add(id)) {
            started.add(new NewHop(id, next, output));
          }
        }
      }
    }
    return new RetryPlan(rerun, List.copyOf(started));
  }

  /** The one change that reopens the run and counts every hop this plan starts. */
  RunChange change(long now) {
    return RunChange.reopened(rerun.stream().map(HopRecord::hopId).toList(),
        started.stream().map(NewHop::hopId).toList(), now);
  }
}
