package io.nearflow.failure;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.cluster.ZoneSchedulers;
import io.nearflow.data.DataUnit;
import io.nearflow.node.EmbeddedCluster;
import io.nearflow.node.NearflowNode;
import io.nearflow.testing.Await;
import io.nearflow.testing.TestClusters;
import io.nearflow.testing.Workloads;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, "a zone's hop and run state survives the loss of any one of its hosts": the zone's
 * scheduler replicates what it holds to the zone's standby, which takes the zone over from that
 * replica, without the cluster maps.
 *
 * <p>Edge1 has two hosts with every role: edge1-a schedules the zone, edge1-b is its standby.
 * Runs of a two-step edge1 workflow are started; once they are under way the cluster maps'
 * run and hop records are wiped (standing in for maps whose owners are across a cut link, or a
 * feed batch that never reached them) and edge1-a is crashed (Hazelcast member terminated, no
 * graceful leave). Only the standby's replica still knows the runs: every run must still
 * succeed, with exactly one final output.
 */
class StandbyTakeoverTest {
  private static final int RUNS = 6;

  @TempDir Path dir;
  private EmbeddedCluster cluster;

  @AfterEach
  void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void the_standby_takes_the_zone_over_from_its_replica_when_the_scheduler_dies_and_the_maps_know_nothing() {
    cluster = Await.result(EmbeddedCluster.start(EmbeddedCluster.Options
        .defaults(TestClusters.uniqueName(getClass()), dir.resolve("nodes"))
        .withSettings(Workloads.instances(Map.of("sleep", 2)))), Duration.ofSeconds(120));
    Await.result(cluster.awaitFullView(30_000), Duration.ofSeconds(40));
    NearflowNode primary = cluster.node("edge1-a");
    NearflowNode standby = cluster.node("edge1-b");
    assertThat(ZoneSchedulers.of(standby.view().snapshot(), standby.config().topology()).schedulerOf("edge1"))
        .contains("edge1-a");
    Workloads.register(standby, """
        name: takeover
        steps:
          - name: first
            type: sleep
            params: {ms: "1500"}
            placement: {zones: [edge1]}
          - name: second
            type: sleep
            params: {ms: "200"}
            placement: {zones: [edge1]}
        """);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      // inputs on the standby's host: the crashed host takes its store with it
      DataUnit in = Workloads.put(standby, dir.resolve("scratch"), 2_000, 500 + i);
      ids.add(Await.result(Workloads.start(standby, "takeover", in), Duration.ofSeconds(20)).getString("runId"));
    }
    assertThat(ids).allSatisfy(id -> assertThat(id).endsWith(".edge1"));
    var runsMap = standby.hazelcast().<String, String>getMap("nearflow.runs");
    var hopsMap = standby.hazelcast().<String, String>getMap("nearflow.hops");
    // Under way: every run's record has reached the maps, so the (equally fast) replica has it too.
    Await.until(() -> ids.stream().allMatch(runsMap::containsKey), Duration.ofSeconds(20),
        () -> "runs not fed to the maps: " + ids);

    ids.forEach(runsMap::remove);
    hopsMap.keySet().stream().filter(k -> ids.stream().anyMatch(k::startsWith)).toList().forEach(hopsMap::remove);
    Await.result(primary.crash(), Duration.ofSeconds(30));
    Await.until(() -> ZoneSchedulers.of(standby.view().snapshot(), standby.config().topology()).schedulerOf("edge1")
        .filter("edge1-b"::equals).isPresent(), Duration.ofSeconds(40), () -> "edge1-b did not become edge1's scheduler");

    List<JsonObject> runs = Workloads.awaitEnded(standby, ids, Duration.ofSeconds(90));
    FailureChecks.everyRunSucceededWithExactlyOneFinalOutput(runs, RUNS, "runs taken over from the replica");
  }
}
