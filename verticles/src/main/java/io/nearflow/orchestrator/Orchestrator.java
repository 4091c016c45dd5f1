package io.nearflow.orchestrator;

import io.nearflow.cluster.ZoneSchedulers;
import io.nearflow.data.DataUnit;
import io.nearflow.protocol.Addresses;
import io.nearflow.protocol.FailureKind;
import io.nearflow.protocol.HopDispatch;
import io.nearflow.protocol.HopOutcome;
import io.nearflow.protocol.InstanceInfo;
import io.nearflow.protocol.Micros;
import io.nearflow.routing.Candidate;
import io.nearflow.routing.RouteDecision;
import io.nearflow.routing.RouteRequest;
import io.nearflow.routing.RoutingAlgorithm;
import io.nearflow.workflow.StepDefinition;
import io.nearflow.workflow.WorkflowDefinition;
import io.nearflow.worktracker.HopRecord;
import io.nearflow.worktracker.HopState;
import io.nearflow.worktracker.RunChange;
import io.nearflow.worktracker.RunRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The hop lifecycle for the hops this zone scheduler owns: route (locally, over the candidate
 * index), book (in its own slot table when it schedules the chosen instance, otherwise hand the
 * hop to the scheduler that does: spillback), dispatch (to the agent, which acknowledges at once),
 * and on the outcome continue with each output, retry, or fail the run with a reason. Hops that
 * find no capacity wait in a queue per step type and are routed when a slot frees (or, as a
 * fallback for lost events, on the verticle's timer). Everything here runs on the orchestrator
 * verticle's event loop: no locks. See {@code package-info} for where each piece of state lives.
 */
final class Orchestrator {
  private static final Logger LOG = Logger.getLogger(Orchestrator.class.getName());

  private final Vertx vertx;
  private final String nodeId;
  private final RunBook runs;
  private final CandidateIndex index;
  private final SlotTable slots;
  private final Supplier<ZoneSchedulers> schedulers;
  private final Runnable capacityChanged;
  private final DistanceView distances;
  private final RoutingAlgorithm algorithm;
  private final Supplier<Set<String>> aliveNodes;
  private final Breakers breakers;
  private final OrchestratorOptions options;
  private final Clock clock;
  private final RunEvents events;
  private final Retention retention;
  private final Map<String, PendingHop> pending = new HashMap<>();
  private final WaitingHops waiting = new WaitingHops();

  /**
   * @param slots the slot table of the instances this scheduler books itself ({@code index} reads it too)
   * @param schedulers who schedules which zone, as of the latest membership view
   * @param capacityChanged called after each booking or release (publishes the capacity summary, coalesced)
   */
  Orchestrator(Vertx vertx, String nodeId, RunBook runs, CandidateIndex index, SlotTable slots,
               Supplier<ZoneSchedulers> schedulers, Runnable capacityChanged, DistanceView distances,
               RoutingAlgorithm algorithm, Supplier<Set<String>> aliveNodes, Breakers breakers,
               OrchestratorOptions options, Clock clock, RunEvents events, Retention retention) {
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.runs = runs;
    this.index = index;
    this.slots = slots;
    this.schedulers = schedulers;
    this.capacityChanged = capacityChanged;
    this.distances = distances;
    this.algorithm = algorithm;
    this.aliveNodes = aliveNodes;
    this.breakers = breakers;
    this.options = options;
    this.clock = clock;
    this.events = events;
    this.retention = retention;
  }

  private long now() {
    return Micros.now(clock);
  }

  // ---- runs ----------------------------------------------------------------------------------

  /**
   * Starts a run of {@code wf} for {@code input}, coordinated here: one hop per entry step.
   *
   * @param homeZone a zone this scheduler schedules; the run's id names it (see {@link RunBook})
   */
  Future<RunRecord> startRun(WorkflowDefinition wf, DataUnit input, String homeZone) {
    String runId = HopIds.newRunId(homeZone);
    List<PendingHop> hops = new ArrayList<>();
    for (StepDefinition step : wf.entrySteps()) {
      hops.add(newHop(wf, step, runId, input));
    }
    RunRecord run = RunRecord.started(runId, wf.name(), wf.version(), input, hops.stream().map(PendingHop::id).toList(), now());
    // The run is created in this scheduler's run book (a local call; the cluster-wide view is fed
    // asynchronously), before any of its hops is routed.
    runs.create(run);
    events.runStarted(run); // before any event of its hops
    hops.forEach(this::submit);
    return Future.succeededFuture(run);
  }

  private PendingHop newHop(WorkflowDefinition wf, StepDefinition step, String runId, DataUnit input) {
    String hopId = HopIds.hopId(runId, step.name(), input.id());
    return new PendingHop(wf, step, HopRecord.created(hopId, runId, wf.name(), wf.version(), step.name(),
        step.type(), input, nodeId, now()));
  }

  /** Takes responsibility for a hop and routes it now, or queues it. */
  void submit(PendingHop hop) {
    pending.put(hop.id(), hop);
    route(hop, 0);
  }

  /**
   * Routes and books a hop while the run change that admits it is still on its way, so the
   * change's round trip is not on the hop's path; the hop is dispatched only once {@code admitted}
   * says it is new to the run. Not admitted (a duplicate of a hop already started, at-least-once)
   * or the change failed: its booking is released and the hop dropped. A hop this orchestrator
   * already holds is a duplicate for sure and is not taken again.
   */
  private void submitProvisionally(PendingHop hop, Future<Boolean> admitted) {
    if (pending.containsKey(hop.id())) {
      return;
    }
    hop.admission = admitted;
    admitted.onComplete(ar -> {
      if (ar.succeeded() && ar.result()) {
        return; // dispatch() goes ahead once routed, or already did
      }
      if (pending.get(hop.id()) == hop) {
        pending.remove(hop.id());
        vertx.cancelTimer(hop.watchdogTimer);
        if (hop.bookedOn != null) {
          releaseSlot(hop.bookedOn, token(hop));
        }
      }
    });
    submit(hop);
  }

  // ---- route, book, dispatch ---------------------------------------------------------------

  private List<Candidate> candidatesFor(PendingHop hop, boolean honourAvoid) {
    return index.candidates(hop.step.type(), aliveNodes.get(),
        info -> hop.step.placement().allows(info.zone(), info.host()),
        id -> available(id) && !(honourAvoid && hop.avoid.contains(id)), hop.spilledHere);
  }

  /** What a booking is keyed by: one attempt of one hop (a retry books afresh). */
  static String token(String hopId, int attempt) {
    return hopId + "#" + attempt;
  }

  private static String token(PendingHop hop) {
    return token(hop.id(), hop.record.attempt());
  }

  private boolean available(String instanceId) {
    InstanceInfo info = index.instance(instanceId);
    return info != null && breakers.routable(info);
  }

  /** @param conflicts bookings lost to other orchestrators so far for this decision */
  private void route(PendingHop hop, int conflicts) {
    if (pending.get(hop.id()) != hop) {
      return; // cancelled or dropped meanwhile
    }
    RouteRequest request = RouteRequest.of(hop.id(), hop.record.input().locality(), hop.record.input().sizeBytes());
    List<Candidate> candidates = candidatesFor(hop, true);
    RouteDecision decision = algorithm.route(request, candidates, distances.get());
    if (decision instanceof RouteDecision.NoCapacity && !hop.avoid.isEmpty()) {
      // Retry on a different instance where one exists; otherwise the same one is better than none.
      decision = algorithm.route(request, candidatesFor(hop, false), distances.get());
    }
    if (decision instanceof RouteDecision.Routed routed) {
      book(hop, routed.candidate(), conflicts);
    } else {
      enqueue(hop, (RouteDecision.NoCapacity) decision);
    }
  }

  /**
   * Books the chosen instance's slot in this scheduler's own table (a local operation: this node
   * is its only writer), or hands the hop to the scheduler of the instance's zone.
   */
  private void book(PendingHop hop, Candidate target, int conflicts) {
    InstanceInfo chosen = index.instance(target.id());
    if (chosen == null || !breakers.takeTrial(chosen)) {
      // A half-open target's one trial went to another hop meanwhile: decide again without it.
      rerouteWithout(hop, target, conflicts);
      return;
    }
    if (!index.schedules(target.id())) {
      handOff(hop, target, conflicts);
      return;
    }
    if (!slots.book(target.id(), token(hop))) {
      // The table changed since the candidates were read (an agent reported hops a predecessor
      // booked): decide again without it.
      rerouteWithout(hop, target, conflicts);
      return;
    }
    capacityChanged.run();
    hop.bookedOn = target.id();
    if (hop.admission != null && !hop.admission.isComplete()) {
      hop.admission.onComplete(admitted -> {
        if (!admitted.succeeded() || !admitted.result()) {
          return; // not admitted: submitProvisionally released the booking
        }
        if (pending.get(hop.id()) == hop) {
          dispatch(hop, target);
        } else {
          releaseSlot(target.id(), token(hop)); // cancelled meanwhile
        }
      });
      return;
    }
    dispatch(hop, target);
  }

  private void rerouteWithout(PendingHop hop, Candidate target, int conflicts) {
    if (conflicts < 8) {
      hop.avoid.add(target.id());
      route(hop, conflicts + 1);
      hop.avoid.remove(target.id());
    } else {
      enqueue(hop, null);
    }
  }

  /**
   * Spillback: the hop goes to the scheduler of the chosen instance's zone, in one message that is
   * idempotent by hop id (a resent hand-off is acknowledged and changes nothing). That scheduler
   * books and dispatches it among its own instances, or queues it there; this one forgets it. Only
   * a hop its run has admitted is handed off. No answer in time counts against the instance's and
   * zone's breakers, and the hop is routed again without that instance.
   */
  private void handOff(PendingHop hop, Candidate target, int conflicts) {
    InstanceInfo info = index.instance(target.id());
    String to = info == null ? null : schedulers.get().schedulerOf(info.zone()).orElse(null);
    if (to == null || to.equals(nodeId)) {
      enqueue(hop, null); // the views disagree for a moment; the timer routes it again
      return;
    }
    Future<Boolean> admitted = hop.admission == null ? Future.succeededFuture(true) : hop.admission;
    admitted.onComplete(adm -> {
      if (adm.failed() || !adm.result() || pending.get(hop.id()) != hop) {
        return;
      }
      JsonObject message = new JsonObject().put("hop", hop.record.handedTo(to).toJson())
          .put("producerStep", hop.producerStep);
      vertx.eventBus().<JsonObject>request(Addresses.schedulerHandOff(to), message,
          new DeliveryOptions().setSendTimeout(options.dispatchTimeout().toMillis())).onComplete(ar -> {
            if (pending.get(hop.id()) != hop) {
              return;
            }
            if (ar.succeeded() && ar.result().body().getBoolean("taken", false)) {
              breakers.answered(info); // the zone's scheduler answered: settles a trial taken for it
              pending.remove(hop.id());
              vertx.cancelTimer(hop.watchdogTimer);
              return;
            }
            String why = ar.succeeded() ? ar.result().body().getString("reason", "refused") : ar.cause().getMessage();
            LOG.info(() -> "hop " + hop.id() + " not handed to scheduler " + to + " (" + info.zone() + "): " + why);
            if (ar.failed()) {
              breakers.sick(info, "scheduler " + to + " did not take a hand-off: " + why);
            }
            hop.avoid.add(target.id());
            if (conflicts < 8) {
              route(hop, conflicts + 1);
            } else {
              enqueue(hop, null);
            }
          });
    });
  }

  private void enqueue(PendingHop hop, RouteDecision.NoCapacity why) {
    String reason = WaitingHops.reason(hop, index.hasType(hop.step.type()), why);
    hop.record = hop.record.finished(HopState.QUEUED, hop.record.agent(), 0, 0, "", List.of(), "", reason);
    waiting.add(hop);
    if (hop.admission == null || hop.admission.isComplete()) {
      recordQueued(hop);
    } else {
      // A hop not admitted yet may be a duplicate: its record must not overwrite the real one's.
      hop.admission.onSuccess(admitted -> {
        if (admitted && pending.get(hop.id()) == hop && hop.record.state() == HopState.QUEUED) {
          recordQueued(hop);
        }
      });
    }
  }

  /**
   * Sends the hop's current record to the cluster-wide view (asynchronous and batched; a later
   * record of the same hop replaces an earlier one still waiting, so they never land out of order).
   */
  private void save(PendingHop hop) {
    runs.saveHop(hop.record);
  }

  private void recordQueued(PendingHop hop) {
    save(hop);
    events.hop(hop.record, "queued");
  }

  /** A slot may have freed for {@code stepType}: route queued hops, oldest first, while they fit. */
  void capacityFreed(InstanceInfo info) {
    waiting.offer(info.stepType(), hop -> pending.get(hop.id()) == hop, hop -> {
      RouteRequest request = RouteRequest.of(hop.id(), hop.record.input().locality(), hop.record.input().sizeBytes());
      RouteDecision d = algorithm.route(request, candidatesFor(hop, false), distances.get());
      return d instanceof RouteDecision.Routed routed ? () -> book(hop, routed.candidate(), 0) : null;
    });
  }

  private void dispatch(PendingHop hop, Candidate target) {
    InstanceInfo info = index.instance(target.id());
    if (info == null) {
      releaseSlot(target.id(), token(hop));
      route(hop, 0);
      return;
    }
    hop.record = hop.record.routed(info.instanceId(), info.host(), info.zone(), hop.record.attempt(), now());
    StepDefinition step = hop.step;
    HopDispatch message = new HopDispatch(hop.id(), hop.record.runId(), hop.workflow.name(), hop.workflow.version(),
        step.name(), step.type(), info.instanceId(), hop.record.input(), step.source(), step.sink(), step.params(),
        step.timeout().toMillis(), hop.record.attempt(), nodeId);
    vertx.eventBus().<JsonObject>request(Addresses.agentDispatch(info.nodeId()), message.toJson(),
        new DeliveryOptions().setSendTimeout(options.dispatchTimeout().toMillis())).onComplete(ar -> {
          boolean accepted = ar.succeeded() && ar.result().body().getBoolean("accepted", false);
          if (pending.get(hop.id()) != hop) {
            if (!accepted) {
              // cancelled meanwhile and the agent did not take it: nobody else frees the slot
              releaseSlot(info.instanceId(), token(hop));
            }
            return;
          }
          if (accepted) {
            breakers.answered(info);
            hop.record = hop.record.dispatched(now());
            save(hop);
            events.hop(hop.record, "dispatched");
            armWatchdog(hop);
          } else {
            String why = ar.succeeded() ? ar.result().body().getString("reason", "refused") : ar.cause().getMessage();
            if (ar.failed()) {
              // No acknowledgement in time, or nobody listening: the target is sick. A refusal
              // (e.g. full) is an answer and does not count against it.
              breakers.sick(info, why);
            }
            releaseSlot(info.instanceId(), token(hop));
            failed(hop, FailureKind.UNAVAILABLE, "dispatch to " + info.instanceId() + " failed: " + why);
          }
        });
  }

  private void armWatchdog(PendingHop hop) {
    long limit = hop.step.timeout().toMillis() * 2 + options.outcomeGrace().toMillis();
    int attempt = hop.record.attempt();
    hop.watchdogTimer = vertx.setTimer(limit, t -> {
      PendingHop still = pending.get(hop.id());
      if (still != null && still.record.attempt() == attempt && still.record.state() == HopState.DISPATCHED) {
        InstanceInfo info = index.instance(still.record.instanceId());
        if (info != null) {
          breakers.sick(info, "no outcome within " + limit + " ms");
        }
        releaseSlot(still.record.instanceId(), token(still));
        failed(still, FailureKind.TIMEOUT, "no outcome from " + still.record.instanceId() + " within " + limit + " ms");
      }
    });
  }

  /**
   * Frees a slot this scheduler booked (idempotent: the second release of a token changes
   * nothing). A slot booked while this node scheduled an instance that another scheduler has now
   * is retired there by the agent's next report instead.
   */
  private void releaseSlot(String instanceId, String token) {
    if (instanceId == null || !slots.release(instanceId, token)) {
      return;
    }
    capacityChanged.run();
    InstanceInfo info = slots.info(instanceId);
    if (info != null) {
      capacityFreed(info);
    }
  }

  /** An agent reports a hop ended that another orchestrator dispatched (e.g. before a fail-over). */
  void slotFreed(String instanceId, String token) {
    releaseSlot(instanceId, token);
  }

  // ---- outcomes ------------------------------------------------------------------------------

  void onOutcome(HopOutcome outcome) {
    // The slot is free once the step has stopped, whatever became of the hop meanwhile
    // (cancelled, given up by the watchdog, a duplicate): release before anything else.
    releaseSlot(outcome.instanceId(), token(outcome.hopId(), outcome.attempt()));
    PendingHop hop = pending.get(outcome.hopId());
    if (hop == null || hop.record.attempt() != outcome.attempt() || hop.record.state() != HopState.DISPATCHED) {
      return; // a duplicate, or an attempt already given up on: its slot was released then
    }
    vertx.cancelTimer(hop.watchdogTimer);
    InstanceInfo info = index.instance(outcome.instanceId());
    if (info != null) {
      if (!outcome.succeeded() && outcome.failure().targetSick()) {
        breakers.sick(info, outcome.error());
      } else {
        breakers.answered(info); // a step's own error is still an answer from a healthy target
      }
    }
    if (outcome.succeeded()) {
      succeeded(hop, outcome);
    } else {
      hop.record = hop.record.finished(HopState.DISPATCHED, outcome.timings(), now(), outcome.bytesPulled(),
          outcome.pullMethod(), List.of(), outcome.failure().name(), outcome.error());
      failed(hop, outcome.failure(), outcome.error());
    }
  }

  private void succeeded(PendingHop hop, HopOutcome outcome) {
    pending.remove(hop.id());
    hop.record = hop.record.finished(HopState.SUCCEEDED, outcome.timings(), now(), outcome.bytesPulled(),
        outcome.pullMethod(), outcome.outputs().stream().map(DataUnit::id).toList(), "", "");
    save(hop);
    events.hop(hop.record, "succeeded");
    List<PendingHop> next = new ArrayList<>();
    for (DataUnit output : outcome.outputs()) {
      for (StepDefinition step : hop.workflow.next(hop.step.name())) {
        PendingHop successor = newHop(hop.workflow, step, hop.record.runId(), output);
        successor.producerStep = hop.step.name();
        next.add(successor);
      }
    }
    List<DataUnit> finals = hop.workflow.isFinal(hop.step.name()) ? outcome.outputs() : List.of();
    // The change goes to the run's home scheduler (here, for a run that stays in its zone) with the
    // hop's final record, which the home feeds before the run: a reader of an ended run sees every
    // hop finished.
    RunChange change = RunChange.hopSucceeded(hop.id(), next.stream().map(PendingHop::id).toList(), finals, now());
    Future<RunChange.Result> changed = runs.change(hop.record.runId(), change, hop.record);
    // Downstream hops are routed and booked at once; each is dispatched only if the change says
    // it is new to the run (a hop that ran twice, at-least-once, must not start them twice) and
    // the run goes on.
    for (PendingHop h : next) {
      submitProvisionally(h, changed.map(result -> result != null && !result.run().state().terminal()
          && result.added().contains(h.id())));
    }
    changed
        .onSuccess(result -> {
          if (result == null) {
            return;
          }
          if (result.run().state().terminal()) {
            events.runEnded(result.run());
          }
          retention.hopSucceeded(hop.workflow, hop.record, result.run(), hop.producerStep);
        })
        .onFailure(err -> LOG.warning("run " + hop.record.runId() + " could not be updated after hop " + hop.id() + ": " + err));
  }

  private void failed(PendingHop hop, FailureKind kind, String error) {
    int attempt = hop.record.attempt();
    if (kind.targetSick() && hop.record.instanceId() != null && !hop.record.instanceId().isEmpty()) {
      hop.avoid.add(hop.record.instanceId());
    }
    if (kind != FailureKind.CANCELLED && hop.step.retry().allowsAnotherAttempt(attempt)) {
      long backoff = Math.max(1, hop.step.retry().backoffBefore(attempt + 1).toMillis());
      long jittered = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
      LOG.info(() -> "hop " + hop.id() + " (step '" + hop.step.name() + "', run " + hop.record.runId() + ") attempt "
          + attempt + " on " + hop.record.instanceId() + " failed (" + kind + "): " + error + "; retrying in " + jittered
          + " ms");
      hop.record = hop.record.finished(HopState.RETRYING, hop.record.agent(), now(), hop.record.bytesPulled(),
          hop.record.pullMethod(), List.of(), kind.name(), error);
      save(hop);
      events.hop(hop.record, "retrying");
      vertx.setTimer(Math.max(1, jittered), t -> {
        if (pending.get(hop.id()) == hop) {
          hop.record = hop.record.routed("", "", "", attempt + 1, 0).withState(HopState.QUEUED);
          hop.spilledHere = false; // a retry may leave the zone it was spilled to
          route(hop, 0);
        }
      });
      return;
    }
    pending.remove(hop.id());
    String reason = "step '" + hop.step.name() + "' (hop " + hop.id() + ") failed after " + attempt + " attempt"
        + (attempt == 1 ? "" : "s") + ": " + error;
    hop.record = hop.record.finished(kind == FailureKind.CANCELLED ? HopState.CANCELLED : HopState.FAILED,
        hop.record.agent(), now(), hop.record.bytesPulled(), hop.record.pullMethod(), List.of(), kind.name(), error);
    events.hop(hop.record, "failed");
    save(hop);
    runs.change(hop.record.runId(), RunChange.hopFailed(hop.id(), reason, now()), hop.record)
        .onSuccess(result -> {
          if (result != null && result.run().state().terminal()) {
            events.runEnded(result.run());
          }
        })
        .onFailure(err -> LOG.warning("run " + hop.record.runId() + " could not record that hop " + hop.id()
            + " failed: " + err));
  }

  // ---- cancel, retry, node loss --------------------------------------------------------------

  /** Drops this orchestrator's unfinished hops of a cancelled run; running ones are asked to stop. */
  void runCancelled(String runId) {
    for (PendingHop hop : new ArrayList<>(pending.values())) {
      if (!hop.record.runId().equals(runId)) {
        continue;
      }
      pending.remove(hop.id());
      vertx.cancelTimer(hop.watchdogTimer);
      if (hop.record.state() == HopState.DISPATCHED) {
        // The slot stays booked until the agent reports the hop ended (onOutcome frees it):
        // freeing it now would over-book an instance whose step is still running.
        InstanceInfo info = index.instance(hop.record.instanceId());
        if (info != null) {
          vertx.eventBus().send(Addresses.agentCancel(info.nodeId()), new JsonObject().put("hopId", hop.id()));
        }
      } else if (hop.bookedOn != null) {
        releaseSlot(hop.bookedOn, token(hop)); // booked, not dispatched yet: nobody else frees it
      }
      hop.record = hop.record.finished(HopState.CANCELLED, hop.record.agent(), now(), 0, "", List.of(),
          FailureKind.CANCELLED.name(), "run cancelled");
      save(hop);
      events.hop(hop.record, "cancelled");
    }
  }

  /**
   * Takes responsibility for a hop again: failed hops of a retried run (from attempt 1), or the
   * unfinished hops of an orchestrator that left (next attempt, so a still-running old attempt
   * books and releases its own slot).
   */
  void resubmit(WorkflowDefinition wf, HopRecord hop, int attempt) {
    if (pending.containsKey(hop.hopId())) {
      return;
    }
    submit(new PendingHop(wf, wf.step(hop.step()), hop.restarted(attempt, nodeId, now())));
  }

  /**
   * Takes a hop another zone's scheduler handed to this one (spillback). Idempotent: a hop this
   * scheduler already holds is acknowledged again and not taken twice. It is routed among this
   * scheduler's own instances only, so it cannot bounce between zones; it waits here if they are
   * busy. Its record now names this node as its owner.
   */
  void takeOver(WorkflowDefinition wf, HopRecord record, String producerStep) {
    if (pending.containsKey(record.hopId())) {
      return;
    }
    PendingHop hop = new PendingHop(wf, wf.step(record.step()), record.handedTo(nodeId));
    hop.producerStep = producerStep;
    hop.spilledHere = true;
    save(hop);
    submit(hop);
  }

  boolean hasWaiting() {
    return !waiting.stepTypes().isEmpty();
  }

  /** Nodes left the cluster: hops dispatched to them will never report; route them again. */
  void nodesLeft(Set<String> alive) {
    for (PendingHop hop : new ArrayList<>(pending.values())) {
      if (hop.record.state() != HopState.DISPATCHED) {
        continue;
      }
      InstanceInfo info = index.instance(hop.record.instanceId());
      String node = info == null ? null : info.nodeId();
      if (node == null || !alive.contains(node)) {
        vertx.cancelTimer(hop.watchdogTimer);
        failed(hop, FailureKind.UNAVAILABLE, "node of " + hop.record.instanceId() + " left the cluster");
      }
    }
  }

  /** A target came back (breaker half-open or closed): queued hops of every type may route now. */
  void targetsRecovered() {
    for (String type : waiting.stepTypes()) {
      capacityFreed(new InstanceInfo("", type, "", "", "", 0));
    }
  }

}
