package io.nearflow.worktracker;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.data.DataUnit;
import io.nearflow.routing.Locality;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Run changes applied in order to a run record, as the run's partition owner applies them. The
 * run is a fan-out: entry hop A splits its input into two branches, B1 and B2, each followed by
 * one hop (C1, C2) of the final step.
 */
class RunChangeTest {
  private static final DataUnit INPUT = unit("in");

  private final Map.Entry<String, String> entry = new AbstractMap.SimpleEntry<>("run-1",
      RunRecord.started("run-1", "fan", 1, INPUT, List.of("A"), 0).toJson().encode());

  @Test
  void retrying_a_failed_fan_out_run_whose_other_branch_was_in_flight_ends() {
    apply(RunChange.hopSucceeded("A", List.of("B1", "B2"), List.of(), 1));
    RunRecord failed = apply(RunChange.hopFailed("B1", "step 'work' failed after 1 attempt", 2)).run();
    assertThat(failed.state()).isEqualTo(RunState.FAILED);

    // B2 was in flight when the run failed; it succeeds afterwards. Its successor is not started.
    apply(RunChange.hopSucceeded("B2", List.of("C2"), List.of(), 3));

    // POST /runs/run-1/retry: the failed hop runs again, through to the end of its branch.
    RunRecord reopened = apply(RunChange.reopened(List.of("B1"), 4)).run();
    assertThat(reopened.state()).isEqualTo(RunState.RUNNING);
    apply(RunChange.hopSucceeded("B1", List.of("C1"), List.of(), 5));
    RunRecord end = apply(RunChange.hopSucceeded("C1", List.of(), List.of(unit("out-1")), 6)).run();

    assertThat(end.state()).as("run after its retried branch finished: %s", end).isEqualTo(RunState.SUCCEEDED);
    assertThat(end.outstanding()).isZero();
  }

  @Test
  void hops_offered_to_an_ended_run_are_neither_added_nor_counted() {
    apply(RunChange.hopSucceeded("A", List.of("B1", "B2"), List.of(), 1));
    apply(RunChange.hopFailed("B1", "failed", 2));

    RunChange.Result late = apply(RunChange.hopSucceeded("B2", List.of("C2"), List.of(), 3));

    assertThat(late.added()).as("hops the orchestrator may start").isEmpty();
    assertThat(late.run().hopIds()).containsExactly("A", "B1", "B2");
    assertThat(late.run().finishedHopIds()).containsExactly("A", "B1", "B2");
    assertThat(late.run().outstanding()).isZero();
    assertThat(late.run().state()).isEqualTo(RunState.FAILED);
  }

  @Test
  void a_retry_that_also_starts_the_successors_dropped_while_the_run_was_failed_waits_for_them() {
    apply(RunChange.hopSucceeded("A", List.of("B1", "B2"), List.of(), 1));
    apply(RunChange.hopFailed("B1", "failed", 2));
    apply(RunChange.hopSucceeded("B2", List.of("C2"), List.of(), 3));

    RunChange.Result reopened = apply(RunChange.reopened(List.of("B1"), List.of("C2"), 4));
    assertThat(reopened.added()).containsExactly("C2");
    assertThat(reopened.run().outstanding()).isEqualTo(2);
    apply(RunChange.hopSucceeded("B1", List.of("C1"), List.of(), 5));
    RunRecord afterC1 = apply(RunChange.hopSucceeded("C1", List.of(), List.of(unit("out-1")), 6)).run();
    assertThat(afterC1.state()).as("C2 still outstanding").isEqualTo(RunState.RUNNING);
    RunRecord end = apply(RunChange.hopSucceeded("C2", List.of(), List.of(unit("out-2")), 7)).run();

    assertThat(end.state()).isEqualTo(RunState.SUCCEEDED);
    assertThat(end.finalOutputs()).extracting(DataUnit::id).containsExactly("out-1", "out-2");
  }

  @Test
  void a_late_hop_of_a_cancelled_run_does_not_revive_it() {
    apply(RunChange.hopSucceeded("A", List.of("B1", "B2"), List.of(), 1));
    apply(RunChange.cancelled(2));

    RunRecord after = apply(RunChange.hopSucceeded("B1", List.of("C1"), List.of(), 3)).run();

    assertThat(after.state()).isEqualTo(RunState.CANCELLED);
    assertThat(after.hopIds()).doesNotContain("C1");
  }

  @Test
  void a_change_applied_again_after_its_reply_was_lost_reports_the_same_new_hops() {
    RunChange split = RunChange.hopSucceeded("A", List.of("B1", "B2"), List.of(), 1);
    RunChange.Result first = apply(split);

    // The reply never arrived (or Hazelcast re-sent the operation): the same change again, as it
    // travels to the partition owner (Java serialization).
    RunChange.Result again = apply(overTheWire(split));

    assertThat(first.added()).containsExactly("B1", "B2");
    assertThat(again.added()).as("hops nobody has started yet; dropping them would leave the run RUNNING for ever")
        .containsExactly("B1", "B2");
    assertThat(again.run().outstanding()).as("counted once").isEqualTo(2);
    assertThat(again.run().hopIds()).containsExactly("A", "B1", "B2");
  }

  @Test
  void the_same_hop_reported_twice_by_two_runs_of_it_starts_its_successors_once() {
    RunChange.Result first = apply(RunChange.hopSucceeded("A", List.of("B1", "B2"), List.of(), 1));
    RunChange.Result duplicate = apply(RunChange.hopSucceeded("A", List.of("B1", "B2"), List.of(), 2));

    assertThat(first.added()).containsExactly("B1", "B2");
    assertThat(duplicate.added()).as("another execution of hop A: its successors already run").isEmpty();
    assertThat(duplicate.run().outstanding()).isEqualTo(2);
  }

  @Test
  void the_bookkeeping_beside_the_run_record_stays_bounded() {
    for (int i = 0; i < 3 * RunChange.REMEMBERED; i++) {
      apply(RunChange.hopsStarted(List.of("X" + i), i));
    }
    assertThat(new io.vertx.core.json.JsonObject(entry.getValue()).getJsonArray(RunChange.APPLIED))
        .hasSize(RunChange.REMEMBERED);
    assertThat(RunRecord.fromJson(new io.vertx.core.json.JsonObject(entry.getValue())).outstanding())
        .isEqualTo(1 + 3 * RunChange.REMEMBERED);
  }

  private static RunChange overTheWire(RunChange change) {
    try {
      var bytes = new java.io.ByteArrayOutputStream();
      try (var out = new java.io.ObjectOutputStream(bytes)) {
        out.writeObject(change);
      }
      try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
        return (RunChange) in.readObject();
      }
    } catch (java.io.IOException | ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  private RunChange.Result apply(RunChange change) {
    String result = change.process(entry);
    return RunChange.Result.fromJson(result);
  }

  private static DataUnit unit(String id) {
    return new DataUnit(id, "local-fs", "/data/" + id, 10, "sha256:" + "0".repeat(64), Locality.of("edge1-a", "edge1"),
        "", Instant.parse("2026-12-07T00:00:00Z"));
  }
}
