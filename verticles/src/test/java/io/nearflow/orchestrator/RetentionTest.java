package io.nearflow.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.data.DataUnit;
import io.nearflow.data.DataUnitIds;
import io.nearflow.protocol.Addresses;
import io.nearflow.routing.Locality;
import io.nearflow.testing.Await;
import io.nearflow.workflow.WorkflowDefinition;
import io.nearflow.workflow.WorkflowParser;
import io.nearflow.worktracker.HopRecord;
import io.nearflow.worktracker.RunRecord;
import io.nearflow.worktracker.RunState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retention deletes intermediate units once consumed, and only units its own run produced: a
 * run's input may be another run's kept output, submitted by unit id.
 */
class RetentionTest {
  private final Vertx vertx = Vertx.vertx();
  private final Map<String, HopRecord> hopRecords = new ConcurrentHashMap<>();
  private final List<String> retired = new CopyOnWriteArrayList<>();
  private final Retention retention = new Retention(vertx, id -> Future.succeededFuture(hopRecords.get(id)), 5_000);

  @AfterEach
  void close() {
    Await.result(vertx.close(), Duration.ofSeconds(10));
  }

  @Test
  void another_runs_final_output_submitted_as_this_runs_input_is_never_retired() {
    Await.result(vertx.eventBus().<JsonObject>consumer(Addresses.DATA_MASTER, msg -> {
      msg.body().getJsonArray("unitIds").forEach(id -> retired.add((String) id));
      msg.reply(new JsonObject());
    }).completion(), Duration.ofSeconds(5));
    WorkflowDefinition single = parse("name: single\nsteps: [{name: c, type: echo}]\n");
    WorkflowDefinition chain = parse("name: chain\nsteps: [{name: a, type: echo}, {name: b, type: echo}]\n");

    // Run A of "single" kept its final output: step c's output.
    String runA = "run-a";
    DataUnit inputA = unit("in-a", "");
    String hopA = HopIds.hopId(runA, "c", inputA.id());
    hopRecords.put(hopA, hop(hopA, runA, single, "c", inputA));
    DataUnit keptOfA = unit(DataUnitIds.forOutput(hopA, 0), hopA);

    // Run B of the same workflow takes it as its input; its step c (also final, no consumers) succeeds.
    String runB = "run-b";
    String hopB = HopIds.hopId(runB, "c", keptOfA.id());
    HopRecord consumedB = hop(hopB, runB, single, "c", keptOfA);
    hopRecords.put(hopB, consumedB);
    RunRecord endedB = ended(runB, single, keptOfA, List.of(hopB), List.of(unit(DataUnitIds.forOutput(hopB, 0), hopB)));

    // Control: run C of "chain", whose step a's output is consumed by its step b within the run.
    String runC = "run-c";
    DataUnit inputC = unit("in-c", "");
    String hopCa = HopIds.hopId(runC, "a", inputC.id());
    hopRecords.put(hopCa, hop(hopCa, runC, chain, "a", inputC));
    DataUnit intermediate = unit(DataUnitIds.forOutput(hopCa, 0), hopCa);
    String hopCb = HopIds.hopId(runC, "b", intermediate.id());
    HopRecord consumedC = hop(hopCb, runC, chain, "b", intermediate);
    RunRecord endedC = ended(runC, chain, inputC, List.of(hopCa, hopCb), List.of(unit(DataUnitIds.forOutput(hopCb, 0), hopCb)));

    vertx.runOnContext(v -> {
      // Both consuming hops were taken again by an orchestrator that does not know the producer step.
      retention.hopSucceeded(single, consumedB, endedB, null);
      retention.hopSucceeded(chain, consumedC, endedC, null);
      retention.flush();
    });

    Await.until(() -> retired.contains(intermediate.id()), Duration.ofSeconds(5),
        () -> "the control's intermediate unit was not retired: " + retired);
    assertThat(retired).as("units handed to the data master to delete").containsExactly(intermediate.id());
  }

  private static WorkflowDefinition parse(String yaml) {
    return WorkflowParser.parse(yaml, "w.yaml", Set.of("local-fs"));
  }

  private static DataUnit unit(String id, String producerHop) {
    return new DataUnit(id, "local-fs", "/data/" + id, 10, "sha256:" + "0".repeat(64), Locality.of("edge1-a", "edge1"),
        producerHop, Instant.parse("2026-12-07T00:00:00Z"));
  }

  private static HopRecord hop(String hopId, String runId, WorkflowDefinition wf, String step, DataUnit input) {
    return HopRecord.created(hopId, runId, wf.name(), wf.version(), step, "echo", input, "orch-1", 0);
  }

  private static RunRecord ended(String runId, WorkflowDefinition wf, DataUnit input, List<String> hops,
                                 List<DataUnit> finals) {
    return new RunRecord(runId, wf.name(), wf.version(), input, RunState.SUCCEEDED, 0, 1, 0, hops, hops, finals, "");
  }
}
