package io.nearflow.worktracker;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.nearflow.data.DataUnit;
import io.nearflow.routing.Locality;
import io.nearflow.testing.Await;
import io.nearflow.testing.SingleMember;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Listing runs from the cluster map a page at a time, through the creation-time index: the runs
 * are spread over a month (a burst in the last minute, some over the last day, old running runs
 * past the retention, and runs created in the same microsecond), and paging yields each once,
 * newest first, while a page reads only the slice of time near it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunListingQueryTest {
  private static final long NOW = 1_800_000_000_000_000L; // epoch micros
  private static final long SECOND = 1_000_000L;
  private static final long HOUR = 3600 * SECOND;
  private static final long HORIZON = NOW - 168 * HOUR;

  private HazelcastInstance member;
  private Vertx vertx;
  private WorkTracker tracker;
  private final List<RunRecord> all = new ArrayList<>();

  @BeforeAll
  void start() {
    member = SingleMember.start(getClass());
    vertx = Vertx.vertx();
    tracker = new WorkTracker(member, vertx.getOrCreateContext());
    IMap<String, String> runs = member.getMap(WorkTracker.RUNS);
    Map<String, String> batch = new HashMap<>();
    int n = 0;
    for (int i = 0; i < 12; i++) {
      all.add(run(n++, NOW - i * SECOND, i % 3 == 0 ? RunState.RUNNING : RunState.SUCCEEDED));
    }
    for (int i = 1; i <= 10; i++) {
      all.add(run(n++, NOW - i * 2 * HOUR, RunState.FAILED));
    }
    for (int i = 1; i <= 6; i++) {
      all.add(run(n++, NOW - i * 200 * HOUR, RunState.RUNNING)); // older than the horizon: never expired
    }
    for (int i = 0; i < 5; i++) {
      all.add(run(n++, NOW - 5 * HOUR, RunState.SUCCEEDED)); // same microsecond, ids break the tie
    }
    all.forEach(r -> batch.put(r.runId(), r.toJson().encode()));
    runs.putAll(batch);
    all.sort(RunPage.NEWEST_FIRST);
  }

  @AfterAll
  void stop() {
    Await.result(vertx.close(), Duration.ofSeconds(10));
    member.shutdown();
  }

  private static RunRecord run(int n, long createdAt, RunState state) {
    String id = String.format("r%016x.edge1", (n * 7919L) % 1000);
    DataUnit input = new DataUnit("in-" + n, "local-fs", "/data/in-" + n, 10, "sha256:" + "0".repeat(64),
        Locality.of("edge1-a", "edge1"), "", Instant.parse("2026-12-07T00:00:00Z"));
    long ended = state == RunState.RUNNING ? 0 : createdAt + SECOND;
    return new RunRecord(id, n % 2 == 0 ? "even" : "odd", 1, input, state, createdAt, ended, 0, List.of(),
        List.of(), List.of(), "");
  }

  /** Pages through as the work tracker does: asks for limit + 1, keeps limit, goes on from the last kept. */
  private List<String> pageThrough(String workflow, String state, int limit) {
    List<String> seen = new ArrayList<>();
    RunPage.Cursor cursor = null;
    for (int pages = 0; pages < 100; pages++) {
      WorkTracker.MapPage page = Await.result(
          tracker.runsAfter(cursor, workflow, state, limit + 1, NOW, HORIZON), Duration.ofSeconds(10));
      List<RunRecord> kept = page.runs().subList(0, Math.min(limit, page.runs().size()));
      kept.forEach(r -> seen.add(r.runId()));
      if (page.exhausted() && page.runs().size() <= limit) {
        return seen;
      }
      cursor = RunPage.Cursor.of(kept.get(kept.size() - 1));
    }
    throw new AssertionError("paging did not end");
  }

  @Test
  void paging_through_a_month_of_runs_yields_each_once_newest_first() {
    for (int limit : new int[] {1, 4, 7, 50}) {
      assertThat(pageThrough(null, null, limit)).as("limit " + limit)
          .containsExactlyElementsOf(all.stream().map(RunRecord::runId).toList());
    }
  }

  @Test
  void filters_by_workflow_and_state_apply_to_every_page() {
    assertThat(pageThrough("odd", "RUNNING", 2)).containsExactlyElementsOf(all.stream()
        .filter(r -> r.workflow().equals("odd") && r.state() == RunState.RUNNING).map(RunRecord::runId).toList());
    assertThat(pageThrough("even", null, 3)).containsExactlyElementsOf(all.stream()
        .filter(r -> r.workflow().equals("even")).map(RunRecord::runId).toList());
  }

  @Test
  void the_first_page_reads_the_newest_slice_of_time_and_not_the_history() {
    IMap<String, String> runs = member.getMap(WorkTracker.RUNS);
    long indexed = indexQueries(runs);
    WorkTracker.MapPage first = Await.result(tracker.runsAfter(null, null, null, 3, NOW, HORIZON), Duration.ofSeconds(10));
    assertThat(first.exhausted()).isFalse();
    assertThat(first.runs()).hasSize(12) // the last minute's burst: the first slice
        .allMatch(r -> r.createdAt() > NOW - WorkTracker.FIRST_SLICE_MICROS);
    assertThat(indexQueries(runs)).as("queries answered by the createdAt index").isGreaterThan(indexed);
  }

  private static long indexQueries(IMap<String, String> runs) {
    return runs.getLocalMapStats().getIndexStats().entrySet().stream()
        .filter(e -> e.getKey().contains(RunAttributes.CREATED_AT)).mapToLong(e -> e.getValue().getQueryCount()).sum();
  }
}
