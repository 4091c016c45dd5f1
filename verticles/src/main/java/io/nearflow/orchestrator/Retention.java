package io.nearflow.orchestrator;

import io.nearflow.data.DataUnit;
import io.nearflow.data.RetentionPolicy;
import io.nearflow.protocol.Addresses;
import io.nearflow.protocol.IdempotentRequests;
import io.nearflow.workflow.StepDefinition;
import io.nearflow.workflow.WorkflowDefinition;
import io.nearflow.worktracker.HopRecord;
import io.nearflow.worktracker.RunRecord;
import io.nearflow.worktracker.WorkTracker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Deletes intermediate data units once every hop that consumes them has succeeded (the policy
 * itself is {@link RetentionPolicy}: final outputs and submitted inputs are kept). The consumers
 * of a unit are the next steps of the step that produced it; whichever consumer finishes last
 * triggers the deletion (two finishing together both trigger it; retiring is idempotent). Only
 * units produced within the same run are retired: a run's input was submitted, maybe as another
 * run's output by unit id, and whether that run still needs it is not this run's to judge.
 *
 * <p>Retiring is garbage collection, off every hop's critical path, so it is batched: units are
 * collected for up to {@link #FLUSH_MS} (or {@link #BATCH} units) and handed to the data master in
 * one request, which drops them with all their locations and tells each holding host to delete its
 * copies, one message per host. Runs on the orchestrator's event loop.
 */
final class Retention {
  static final long FLUSH_MS = 20;
  static final int BATCH = 128;
  private static final int ATTEMPTS = 3;
  private static final Logger LOG = Logger.getLogger(Retention.class.getName());

  private final Vertx vertx;
  private final Function<String, Future<HopRecord>> hopLookup;
  private java.util.function.Consumer<Runnable> barrier = Runnable::run;
  private final long timeoutMs;
  private List<String> batch = new ArrayList<>();
  private long flushTimer = -1;

  Retention(Vertx vertx, WorkTracker tracker, long timeoutMs) {
    this(vertx, tracker::hop, timeoutMs);
  }

  /** @param hopLookup a hop's record by id (null when unknown) */
  Retention(Vertx vertx, Function<String, Future<HopRecord>> hopLookup, long timeoutMs) {
    this.vertx = vertx;
    this.hopLookup = hopLookup;
    this.timeoutMs = timeoutMs;
  }

  /**
   * Called after {@code hop} succeeded and {@code run} recorded it.
   *
   * @param producerStep the step that produced the hop's input, when the caller knows it (it
   *     created the hop from that step's outputs, in this run); null makes it look the producer
   *     hop up
   */
  void hopSucceeded(WorkflowDefinition wf, HopRecord hop, RunRecord run, String producerStep) {
    DataUnit input = hop.input();
    boolean finalOutput = run.finalOutputs().stream().anyMatch(u -> u.id().equals(input.id()));
    if (input.producerHop().isEmpty() || input.id().equals(run.input().id())
        || !RetentionPolicy.defaultFor(finalOutput).deletesWhenConsumed()) {
      return; // the run's own input came from outside the run, even when another run produced it
    }
    // A producer hop of another run: its unit's consumers are steps of that run's workflow, not of
    // this one (a step of the same name here says nothing about them).
    Future<String> producer = producerStep != null ? Future.succeededFuture(producerStep)
        : hopLookup.apply(input.producerHopId())
            .map(h -> h == null || !h.runId().equals(run.runId()) ? null : h.step());
    producer.onSuccess(step -> {
      if (step == null) {
        return;
      }
      Set<String> finished = new HashSet<>(run.finishedHopIds());
      List<StepDefinition> consumers = wf.next(step);
      boolean allConsumed = consumers.stream()
          .allMatch(c -> finished.contains(HopIds.hopId(run.runId(), c.name(), input.id())));
      if (allConsumed) {
        retire(input.id());
      }
    });
  }

  private void retire(String unitId) {
    batch.add(unitId);
    if (batch.size() >= BATCH) {
      flush();
    } else if (flushTimer < 0) {
      flushTimer = vertx.setTimer(FLUSH_MS, t -> flush());
    }
  }

  /**
   * Retirement waits until the zone's standbys have everything fed so far (the run changes and hop
   * records that made these units obsolete): a standby that takes over from a replica a batch
   * behind would otherwise restart a finished hop whose input is already deleted, and fail it.
   */
  void afterReplication(java.util.function.Consumer<Runnable> barrier) {
    this.barrier = barrier;
  }

  /** Hands what is collected to the data master now (also when the orchestrator stops). */
  void flush() {
    if (flushTimer >= 0) {
      vertx.cancelTimer(flushTimer);
      flushTimer = -1;
    }
    List<String> units = batch;
    batch = new ArrayList<>();
    if (units.isEmpty()) {
      return;
    }
    JsonObject body = new JsonObject().put("action", "retire").put("unitIds", new JsonArray(units));
    barrier.accept(() -> IdempotentRequests.request(vertx, Addresses.DATA_MASTER, body, timeoutMs, ATTEMPTS)
        .onFailure(err -> LOG.fine(units.size() + " intermediate unit(s) not retired: " + err.getMessage())));
  }
}
