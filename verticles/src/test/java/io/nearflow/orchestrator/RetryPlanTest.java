package io.nearflow.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.data.DataUnit;
import io.nearflow.protocol.HopTimings;
import io.nearflow.routing.Locality;
import io.nearflow.workflow.WorkflowDefinition;
import io.nearflow.workflow.WorkflowParser;
import io.nearflow.worktracker.HopRecord;
import io.nearflow.worktracker.HopState;
import io.nearflow.worktracker.RunChange;
import io.nearflow.worktracker.RunRecord;
import io.nearflow.worktracker.RunState;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Retrying a failed fan-out run: split makes two units, work runs once per unit, pack once per
 * work output. One work hop failed; the other was in flight, succeeded after the run had failed,
 * and its pack hop was never started.
 */
class RetryPlanTest {
  private static final WorkflowDefinition WF = WorkflowParser.parse("""
      name: fan
      steps:
        - {name: split, type: echo}
        - {name: work, type: echo}
        - {name: pack, type: echo}
      """, "fan.yaml", Set.of("local-fs"));
  private static final String RUN = "r1";
  private static final DataUnit INPUT = unit("in");

  private final String split = HopIds.hopId(RUN, "split", "in");
  private final String work1 = HopIds.hopId(RUN, "work", "u1");
  private final String work2 = HopIds.hopId(RUN, "work", "u2");
  private final String pack1 = HopIds.hopId(RUN, "pack", "v1");
  private final String pack2 = HopIds.hopId(RUN, "pack", "v2");
  private final Map.Entry<String, String> run = new AbstractMap.SimpleEntry<>(RUN,
      RunRecord.started(RUN, "fan", WF.version(), INPUT, List.of(split), 0).toJson().encode());

  @Test
  void a_retry_starts_the_failed_hop_and_the_successor_dropped_while_the_run_was_failed_and_ends_after_both() {
    apply(RunChange.hopSucceeded(split, List.of(work1, work2), List.of(), 1));
    apply(RunChange.hopFailed(work1, "step 'work' failed", 2));
    apply(RunChange.hopSucceeded(work2, List.of(pack2), List.of(), 3)); // offered to a FAILED run
    RunRecord failed = current();
    assertThat(failed.state()).isEqualTo(RunState.FAILED);
    List<HopRecord> records = List.of(
        hop(split, "split", "in", HopState.SUCCEEDED, List.of("u1", "u2")),
        hop(work1, "work", "u1", HopState.FAILED, List.of()),
        hop(work2, "work", "u2", HopState.SUCCEEDED, List.of("v2")));

    RetryPlan plan = RetryPlan.of(failed, WF, records);

    assertThat(plan.rerun()).extracting(HopRecord::hopId).containsExactly(work1);
    assertThat(plan.started()).containsExactly(new RetryPlan.NewHop(pack2, WF.step("pack"), "v2"));
    apply(plan.change(4));
    assertThat(current().state()).isEqualTo(RunState.RUNNING);
    apply(RunChange.hopSucceeded(work1, List.of(pack1), List.of(), 5));
    apply(RunChange.hopSucceeded(pack1, List.of(), List.of(unit("w1")), 6));
    assertThat(current().state()).as("pack of the other branch still to run").isEqualTo(RunState.RUNNING);
    apply(RunChange.hopSucceeded(pack2, List.of(), List.of(unit("w2")), 7));
    assertThat(current().state()).isEqualTo(RunState.SUCCEEDED);
    assertThat(current().finalOutputs()).extracting(DataUnit::id).containsExactlyInAnyOrder("w1", "w2");
  }

  @Test
  void a_run_that_failed_with_nothing_in_flight_reruns_only_its_failed_hop() {
    apply(RunChange.hopSucceeded(split, List.of(work1), List.of(), 1));
    apply(RunChange.hopFailed(work1, "step 'work' failed", 2));
    List<HopRecord> records = List.of(hop(split, "split", "in", HopState.SUCCEEDED, List.of("u1")),
        hop(work1, "work", "u1", HopState.FAILED, List.of()));

    RetryPlan plan = RetryPlan.of(current(), WF, records);

    assertThat(plan.rerun()).extracting(HopRecord::hopId).containsExactly(work1);
    assertThat(plan.started()).isEmpty();
  }

  private void apply(RunChange change) {
    change.process(run);
  }

  private RunRecord current() {
    return RunRecord.fromJson(new JsonObject(run.getValue()));
  }

  private static HopRecord hop(String id, String step, String inputId, HopState state, List<String> outputs) {
    return HopRecord.created(id, RUN, "fan", WF.version(), step, "echo", unit(inputId), "orch-1", 0)
        .finished(state, HopTimings.NONE, 1, 0, "", outputs, "", "");
  }

  private static DataUnit unit(String id) {
    return new DataUnit(id, "local-fs", "/data/" + id, 10, "sha256:" + "0".repeat(64), Locality.of("edge1-a", "edge1"),
        "", Instant.parse("2026-12-07T00:00:00Z"));
  }
}
