package io.nearflow.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.adapters.PushRequest;
import io.nearflow.data.DataUnit;
import io.nearflow.data.DataUnitIds;
import io.nearflow.node.EmbeddedCluster;
import io.nearflow.node.NearflowNode;
import io.nearflow.protocol.Micros;
import io.nearflow.testing.Await;
import io.nearflow.testing.TestClusters;
import io.nearflow.testing.Workloads;
import io.nearflow.worktracker.HopRecord;
import io.nearflow.worktracker.RunChange;
import io.nearflow.worktracker.RunRecord;
import io.nearflow.worktracker.WorkTracker;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An orchestrator that dies between the two writes of a succeeded hop with downstream hops (the
 * run change and the hop's final record go out together, see {@code Orchestrator.succeeded}):
 * the run counts the hop as finished and lists its downstream hops, but the hop's record still
 * says DISPATCHED and no downstream hop has a record or an owner. The surviving orchestrator
 * with the smallest node id adopts the run when the victim leaves; {@code RunAdoption.repairRecords}
 * finds the hop's outputs again in the data master (deterministic output ids, probed until a
 * 404), completes the record, and the downstream hops are derived from it and started.
 *
 * <p>The broken state is written by hand, exactly as the victim would have left it, so the test
 * does not depend on killing a node at the right instant.
 *
 * <p>Why this fails without the repair: {@code restartUnfinished} derives the expected hops only
 * from the run's input (entry hop e1, which the run already counts as finished, so it is
 * skipped) and from hop records in state SUCCEEDED. With hop e1's record left at DISPATCHED no
 * e2 hop is derived, and {@code repairFinished} only looks at terminal records, so nothing starts
 * e2: the run stays RUNNING with one outstanding hop forever and the deadline below expires.
 * The preconditions asserted before the victim leaves (run RUNNING, e1 DISPATCHED, no e2 record)
 * make sure it is adoption, not anything earlier, that finishes the run.
 */
class RunAdoptionRepairTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir Path dir;
  private EmbeddedCluster cluster;

  @AfterEach
  void stop() throws Exception {
    if (cluster != null) {
      cluster.close(); // closing the already closed victim again is harmless
    }
  }

  /** What the victim left behind for one run: its entry hop, and that hop's outputs. */
  private record Broken(String runId, DataUnit input, String hop1, List<DataUnit> outputs, List<String> hop2s) {}

  @Test
  void a_hop_whose_owner_died_between_run_change_and_hop_record_is_repaired_and_its_run_finishes() {
    cluster = Await.result(EmbeddedCluster.start(EmbeddedCluster.Options
        .defaults(TestClusters.uniqueName(getClass()), dir.resolve("nodes")).withHostsPerZone(1)
        .withSettings(Workloads.instances(Map.of("echo", 2)))), Duration.ofSeconds(120));
    Await.result(cluster.awaitFullView(30_000), Duration.ofSeconds(40));

    // Adoption runs on the live orchestrator with the smallest node id: the victim must not be it.
    List<String> orchestrators = cluster.nodes().stream().map(n -> n.config().nodeId()).sorted().toList();
    NearflowNode adopter = cluster.nodes().stream().filter(n -> n.config().nodeId().equals(orchestrators.get(0)))
        .findFirst().orElseThrow();
    NearflowNode victim = cluster.nodes().stream().filter(n -> n != adopter).reduce((a, b) -> b).orElseThrow();
    NearflowNode dataHost = cluster.nodes().stream().filter(n -> n != adopter && n != victim).findFirst().orElseThrow();
    assertThat(victim.config().nodeId()).isNotEqualTo(orchestrators.get(0));

    JsonObject registered = Workloads.register(dataHost,
        "name: chain2\nsteps:\n  - {name: e1, type: echo}\n  - {name: e2, type: echo}\n");
    String wf = registered.getString("name");
    int version = registered.getInteger("version");

    WorkTracker tracker = new WorkTracker(((io.vertx.spi.cluster.hazelcast.HazelcastClusterManager)
        ((io.vertx.core.internal.VertxInternal) dataHost.vertx()).clusterManager()).getHazelcastInstance(),
        dataHost.vertx().getOrCreateContext());

    // The case of the brief: e1 produced one output. And e1 with two outputs, so the probing goes
    // past index 0 and stops at the first unknown index.
    Broken one = breakRun(tracker, dataHost, victim, wf, version, 1, 1);
    Broken two = breakRun(tracker, dataHost, victim, wf, version, 2, 2);

    for (Broken b : List.of(one, two)) {
      JsonObject before = Workloads.run(adopter, b.runId());
      assertThat(before.getString("state")).isEqualTo("RUNNING");
      assertThat(before.getInteger("outstanding")).isEqualTo(b.hop2s().size());
      assertThat(strings(before.getJsonArray("finishedHopIds"))).containsExactly(b.hop1());
      assertThat(strings(before.getJsonArray("hopIds"))).containsExactlyInAnyOrderElementsOf(
          concat(b.hop1(), b.hop2s()));
      assertThat(hops(before)).hasSize(1);
      assertThat(hop(before, b.hop1()).getString("state")).isEqualTo("DISPATCHED");
    }

    long leftAt = System.nanoTime();
    Await.result(victim.close(), Duration.ofSeconds(30));
    for (NearflowNode n : List.of(adopter, dataHost)) {
      Await.until(() -> n.view().snapshot().node(victim.config().nodeId()).isEmpty(), Duration.ofSeconds(20),
          () -> n.config().nodeId() + " still sees the victim");
    }

    for (Broken b : List.of(one, two)) {
      Await.until(() -> "SUCCEEDED".equals(Workloads.run(adopter, b.runId()).getString("state")), DEADLINE,
          () -> "run " + b.runId() + " did not succeed after the victim left: "
              + Workloads.run(adopter, b.runId()).encodePrettily());
    }
    long tookMs = (System.nanoTime() - leftAt) / 1_000_000;
    System.out.println("RunAdoptionRepairTest: both runs SUCCEEDED " + tookMs + " ms after the victim "
        + victim.config().nodeId() + " started leaving; adopter " + adopter.config().nodeId());

    for (Broken b : List.of(one, two)) {
      JsonObject run = Workloads.run(dataHost, b.runId());
      String desc = run.encodePrettily();
      List<String> outputIds = b.outputs().stream().map(DataUnit::id).toList();

      JsonObject h1 = hop(run, b.hop1());
      assertThat(h1.getString("state")).as(desc).isEqualTo("SUCCEEDED");
      assertThat(strings(h1.getJsonArray("outputIds"))).as(desc).containsExactlyElementsOf(outputIds);

      assertThat(hops(run)).as(desc).hasSize(1 + b.hop2s().size());
      for (int i = 0; i < b.hop2s().size(); i++) {
        JsonObject h2 = hop(run, b.hop2s().get(i));
        assertThat(h2.getString("state")).as(desc).isEqualTo("SUCCEEDED");
        assertThat(h2.getString("step")).as(desc).isEqualTo("e2");
        assertThat(h2.getJsonObject("input").getString("id")).as(desc).isEqualTo(outputIds.get(i));
        // Started by the adopter, not by the victim, and owned by the scheduler of the zone it
        // ran in (the adopter hands a hop for another zone's instance to that zone's scheduler).
        String ranIn = h2.getString("instanceZone");
        assertThat(h2.getString("orchestratorNodeId")).as(desc)
            .isNotEqualTo(victim.config().nodeId())
            .isEqualTo(io.nearflow.cluster.ZoneSchedulers.of(adopter.view().snapshot(), adopter.config().topology())
                .schedulerOf(ranIn).orElseThrow());
      }

      assertThat(run.getInteger("outstanding")).as(desc).isZero();
      assertThat(strings(run.getJsonArray("finishedHopIds"))).as(desc)
          .containsExactlyInAnyOrderElementsOf(concat(b.hop1(), b.hop2s()));
      JsonArray finals = run.getJsonArray("finalOutputs");
      assertThat(finals).as(desc).hasSize(b.hop2s().size());
      assertThat(finals.stream().map(o -> ((JsonObject) o).getString("id")).toList()).as(desc)
          .containsExactlyInAnyOrderElementsOf(b.hop2s().stream().map(h -> DataUnitIds.forOutput(h, 0)).toList());
    }
    assertThat(Workloads.run(adopter, one.runId()).getJsonArray("finalOutputs")).hasSize(1);
  }

  /**
   * Writes what {@code victim} would have left had it run hop e1 of a new run, seen it succeed with
   * {@code outputCount} outputs, applied the run change and died before saving the hop's record.
   */
  private Broken breakRun(WorkTracker tracker, NearflowNode dataHost, NearflowNode victim, String wf, int version,
                          int outputCount, long seed) {
    Clock clock = Clock.systemUTC();
    DataUnit input = Workloads.put(dataHost, dir.resolve("scratch"), 4_000, seed);
    String runId = HopIds.newRunId(dataHost.config().zone());
    String hop1 = HopIds.hopId(runId, "e1", input.id());
    List<DataUnit> outputs = new ArrayList<>();
    for (int i = 0; i < outputCount; i++) {
      outputs.add(pushOutput(dataHost, hop1, i, seed * 100 + i));
    }
    List<String> hop2s = outputs.stream().map(o -> HopIds.hopId(runId, "e2", o.id())).toList();

    Await.result(tracker.createRun(RunRecord.started(runId, wf, version, input, Micros.now(clock))), Duration.ofSeconds(10));
    Await.result(tracker.changeRun(runId, RunChange.hopsStarted(List.of(hop1), Micros.now(clock))), Duration.ofSeconds(10));
    HopRecord dispatched = HopRecord.created(hop1, runId, wf, version, "e1", "echo", input, victim.config().nodeId(),
            Micros.now(clock))
        .routed(dataHost.config().nodeId() + "/echo", dataHost.config().host(), dataHost.config().zone(), 1,
            Micros.now(clock))
        .dispatched(Micros.now(clock));
    Await.result(tracker.saveHop(dispatched), Duration.ofSeconds(10));
    // The run change of the success went out; the final hop record never did.
    Await.result(tracker.changeRun(runId, RunChange.hopSucceeded(hop1, hop2s, List.of(), Micros.now(clock))),
        Duration.ofSeconds(10));
    return new Broken(runId, input, hop1, outputs, hop2s);
  }

  /** Output {@code index} of {@code hopId}, pushed through the host's local-fs adapter as an agent would. */
  private DataUnit pushOutput(NearflowNode host, String hopId, int index, long seed) {
    try {
      Path scratch = dir.resolve("outputs");
      Files.createDirectories(scratch);
      Path f = Files.createTempFile(scratch, "out-", ".bin");
      byte[] bytes = new byte[3_000];
      new Random(seed).nextBytes(bytes);
      Files.write(f, bytes);
      DataUnit u = Await.result(host.services().adapters()
          .compose(a -> a.adapter("local-fs").push(f, PushRequest.forHopOutput(hopId, index))), Duration.ofSeconds(30));
      assertThat(u.id()).isEqualTo(DataUnitIds.forOutput(hopId, index));
      return u;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> out = new ArrayList<>();
    out.add(first);
    out.addAll(rest);
    return out;
  }

  private static List<String> strings(JsonArray a) {
    return a == null ? List.of() : a.stream().map(String::valueOf).toList();
  }

  private static List<JsonObject> hops(JsonObject run) {
    return run.getJsonArray("hops", new JsonArray()).stream().map(o -> (JsonObject) o).toList();
  }

  private static JsonObject hop(JsonObject run, String hopId) {
    Optional<JsonObject> h = hops(run).stream().filter(o -> hopId.equals(o.getString("hopId"))).findFirst();
    return h.orElseThrow(() -> new AssertionError("run has no record of hop " + hopId + ": " + run.encodePrettily()));
  }
}
