package io.nearflow.worktracker;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.nearflow.data.DataUnit;
import io.nearflow.routing.Locality;
import io.nearflow.testing.Await;
import io.nearflow.testing.SingleMember;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records of ended runs leave the cluster maps (and the journal) once the retention has passed
 * since the run ended, with their hops; running runs stay however old. Time is a fixed clock
 * moved by the test: no waiting.
 */
class RecordExpiryTest {
  private static final Instant NOW = Instant.parse("2027-01-10T12:00:00Z");
  private static final RecordRetention ONE_HOUR = new RecordRetention(Duration.ofHours(1), Duration.ofMinutes(5));

  @TempDir Path dir;
  private HazelcastInstance member;
  private Vertx vertx;
  private IMap<String, String> runs;
  private IMap<String, String> hops;

  @BeforeEach
  void start() {
    member = SingleMember.start(getClass());
    vertx = Vertx.vertx();
    runs = member.getMap(WorkTracker.RUNS);
    hops = member.getMap(WorkTracker.HOPS);
  }

  @AfterEach
  void stop() {
    Await.result(vertx.close(), Duration.ofSeconds(10));
    member.shutdown();
  }

  private static long micros(Instant i) {
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
  }

  private static DataUnit unit(String id) {
    return new DataUnit(id, "local-fs", "/data/" + id, 10, "sha256:" + "0".repeat(64), Locality.of("edge1-a", "edge1"),
        "", Instant.parse("2026-12-07T00:00:00Z"));
  }

  private static String runId(int n) {
    return String.format("r%016x.edge1", n);
  }

  private static String hopId(String runId, int n) {
    return runId + String.format("-%012x", n);
  }

  /** A run with {@code hopCount} hops; ended at {@code endedAt} (null: running). */
  private void put(String runId, Instant createdAt, Instant endedAt, int hopCount) {
    List<String> hopIds = java.util.stream.IntStream.range(0, hopCount).mapToObj(i -> hopId(runId, i)).toList();
    RunRecord run = new RunRecord(runId, "wf", 1, unit("in-" + runId), endedAt == null ? RunState.RUNNING
        : RunState.SUCCEEDED, micros(createdAt), endedAt == null ? 0 : micros(endedAt), 0, hopIds,
        endedAt == null ? List.of() : hopIds, List.of(), "");
    runs.put(runId, run.toJson().put(RunChange.APPLIED, new io.vertx.core.json.JsonArray()).encode());
    for (String h : hopIds) {
      hops.put(h, HopRecord.created(h, runId, "wf", 1, "s", "echo", unit("in-" + runId), "o", micros(createdAt))
          .toJson().encode());
    }
  }

  private int sweepAt(Instant now) {
    RecordExpiry expiry = new RecordExpiry(vertx, member, Clock.fixed(now, ZoneOffset.UTC), ONE_HOUR);
    return Await.result(expiry.sweep(), Duration.ofSeconds(20));
  }

  @Test
  void an_ended_run_and_its_hops_expire_once_the_retention_has_passed_and_a_running_run_never_does() {
    String old = runId(1);
    String recent = runId(2);
    String running = runId(3);
    put(old, NOW.minus(Duration.ofHours(3)), NOW.minus(Duration.ofHours(2)), 2);
    put(recent, NOW.minus(Duration.ofHours(1)), NOW.minus(Duration.ofMinutes(10)), 1);
    put(running, NOW.minus(Duration.ofDays(30)), null, 2);

    assertThat(sweepAt(NOW)).isEqualTo(1);
    assertThat(runs.keySet()).containsExactlyInAnyOrder(recent, running);
    assertThat(hops.keySet()).containsExactlyInAnyOrder(hopId(recent, 0), hopId(running, 0), hopId(running, 1));

    // Fifty minutes later the recent run is past the hour too; the running one is still there.
    assertThat(sweepAt(NOW.plus(Duration.ofMinutes(51)))).isEqualTo(1);
    assertThat(runs.keySet()).containsExactly(running);
    assertThat(hops.keySet()).containsExactlyInAnyOrder(hopId(running, 0), hopId(running, 1));
    assertThat(sweepAt(NOW.plus(Duration.ofDays(365)))).isZero();
  }

  @Test
  void a_run_retried_after_it_ended_is_running_again_and_not_expired() {
    String retried = runId(4);
    put(retried, NOW.minus(Duration.ofHours(5)), NOW.minus(Duration.ofHours(4)), 1);
    RunChange.Result reopened = RunChange.reopened(List.of(hopId(retried, 0)),
        micros(NOW)).applyTo(retried, runs.get(retried), v -> runs.put(retried, v));
    assertThat(reopened.run().state()).isEqualTo(RunState.RUNNING);

    assertThat(sweepAt(NOW)).isZero();
    assertThat(runs.containsKey(retried)).isTrue();
    assertThat(hops.containsKey(hopId(retried, 0))).isTrue();
  }

  @Test
  void a_restarted_scheduler_journal_drops_expired_runs_with_their_hops_and_old_hops_of_runs_homed_elsewhere() {
    RecordJournal journal = new RecordJournal(dir);
    journal.open(0);
    String old = runId(5);
    String running = runId(6);
    String elsewhere = runId(7) ; // homed in another zone: only its hop, handed here, is in this journal
    HopRecord oldHop = HopRecord.created(hopId(old, 0), old, "wf", 1, "s", "echo", unit("a"), "o", 1);
    HopRecord runningHop = HopRecord.created(hopId(running, 0), running, "wf", 1, "s", "echo", unit("b"), "o", 1);
    HopRecord handedHop = HopRecord.created(hopId(elsewhere, 0), elsewhere, "wf", 1, "s", "echo", unit("c"), "o", 1)
        .finished(HopState.SUCCEEDED, null, micros(NOW.minus(Duration.ofHours(2))), 0, "", List.of(), "", "");
    HopRecord handedRecently = HopRecord.created(hopId(elsewhere, 1), elsewhere, "wf", 1, "s", "echo", unit("d"), "o", 1)
        .finished(HopState.SUCCEEDED, null, micros(NOW.minus(Duration.ofMinutes(2))), 0, "", List.of(), "", "");
    RunRecord ended = new RunRecord(old, "wf", 1, unit("a"), RunState.SUCCEEDED, 1,
        micros(NOW.minus(Duration.ofHours(2))), 0, List.of(oldHop.hopId()), List.of(oldHop.hopId()), List.of(), "");
    RunRecord stillRunning = RunRecord.started(running, "wf", 1, unit("b"), List.of(runningHop.hopId()), 1);
    journal.append(Map.of(oldHop.hopId(), oldHop.toJson().encode(), runningHop.hopId(), runningHop.toJson().encode(),
            handedHop.hopId(), handedHop.toJson().encode(), handedRecently.hopId(), handedRecently.toJson().encode()),
        Map.of(old, ended.toJson().encode(), running, stillRunning.toJson().encode()));
    journal.close();

    RecordJournal.Contents kept = new RecordJournal(dir).open(micros(NOW.minus(Duration.ofHours(1))));
    assertThat(kept.runs().keySet()).containsExactly(running);
    assertThat(kept.hops().keySet()).containsExactlyInAnyOrder(runningHop.hopId(), handedRecently.hopId());
  }
}
