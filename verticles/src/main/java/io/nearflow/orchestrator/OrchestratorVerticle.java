package io.nearflow.orchestrator;

import io.nearflow.cluster.CapacityView;
import io.nearflow.cluster.ClusterSnapshot;
import io.nearflow.cluster.ZoneSchedulers;
import io.nearflow.cluster.NodeDescriptor;
import io.nearflow.data.DataUnit;
import io.nearflow.datamaster.ClusterDataRegistry;
import io.nearflow.distance.DistanceSubscriber;
import io.nearflow.node.NodeContext;
import io.nearflow.protocol.Addresses;
import io.nearflow.protocol.AgentReport;
import io.nearflow.protocol.CapacitySummary;
import io.nearflow.protocol.HopOutcome;
import io.nearflow.protocol.Micros;
import io.nearflow.protocol.StartRun;
import io.nearflow.routing.RoutingAlgorithms;
import io.nearflow.workflow.WorkflowRepository;
import io.nearflow.worktracker.HopRecord;
import io.nearflow.worktracker.HopState;
import io.nearflow.worktracker.RecordExpiry;
import io.nearflow.worktracker.RecordFeed;
import io.nearflow.worktracker.RecordRetention;
import io.nearflow.worktracker.RecordJournal;
import io.nearflow.worktracker.RunChange;
import io.nearflow.worktracker.RunPage;
import io.nearflow.worktracker.RunRecord;
import io.nearflow.worktracker.RunState;
import io.nearflow.worktracker.WorkTracker;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Lifecycle shell of the orchestrator: wires the work tracker, the slot table, the candidate
 * index, the distance tables and the workflow catalog to the {@link Orchestrator}, and serves the
 * event-bus contract: {@link Addresses#START_RUN}, {@link Addresses#CANCEL_RUN},
 * {@link Addresses#RETRY_RUN}, {@link Addresses#WORKFLOWS} and this node's
 * {@link Addresses#hopOutcome}, plus the zone-scheduler addresses ({@link Addresses#schedulerStartRun},
 * {@link Addresses#schedulerAgents}, {@link Addresses#schedulerSlotFreed},
 * {@link Addresses#schedulerHandOff}). It publishes this scheduler's {@link CapacitySummary} on
 * change (at most every {@value #CAPACITY_COALESCE_MS} ms) and every {@value #CAPACITY_HEARTBEAT_MS} ms.
 * Request failures reply with 400 (bad request), 404 (unknown workflow or run) or 409 (wrong state).
 */
public final class OrchestratorVerticle extends VerticleBase {
  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(OrchestratorVerticle.class.getName());
  /** Published to every orchestrator when a run is cancelled, so each drops its own hops. */
  static final String RUN_CANCELLED = "nearflow.orchestrator.run-cancelled.v1";
  static final long CAPACITY_COALESCE_MS = 50;
  static final long CAPACITY_HEARTBEAT_MS = 1000;
  /** Another scheduler's summary older than this is not routed to (its zone is cut off, or it died). */
  static final long CAPACITY_STALE_MS = 5000;
  /** Waiting hops are offered again at this period too, in case an event that would wake them was lost. */
  static final long WAITING_RECHECK_MS = 1000;
  /** How often the zone scheduler looks for held running runs that stalled, and how quiet they must be. */
  static final long RECONCILE_EVERY_MS = 10_000;
  static final long RECONCILE_QUIET_MS = 30_000;

  private final NodeContext node;
  private WorkTracker tracker;
  private CandidateIndex index;
  private final SlotTable slots = new SlotTable();
  private CapacityView capacity;
  private volatile ZoneSchedulers schedulers;
  private long capacitySeq;
  private boolean capacityPublishArmed;
  private boolean publishedNonEmpty;
  private final List<Long> timers = new java.util.ArrayList<>();
  private WorkflowCatalog catalog;
  private Orchestrator orchestrator;
  private volatile Set<String> alive = Set.of();
  private Set<String> orchestrators = Set.of();
  private RunAdoption adoption;
  private ClusterDataRegistry dataMaster;
  private RecordFeed feed;
  private RecordJournal journal;
  private RecordJournal.Contents restored;
  private io.nearflow.datamaster.ZoneUnits zoneUnits;
  private RunBook runBook;
  private ZoneTakeover takeover;
  private final RegistrationQuorum quorum = new RegistrationQuorum();
  private WorkflowRequests workflowRequests;
  private RecordRetention recordRetention;
  private RecordExpiry expiry;
  private Retention retention;
  private Consumer<ClusterSnapshot> viewListener;
  private Runnable mergedListener;

  public OrchestratorVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    OrchestratorOptions options = OrchestratorOptions.from(node.config().settings());
    recordRetention = RecordRetention.from(node.config().settings());
    tracker = new WorkTracker(node.hazelcast(), context);
    alive = nodeIds(node.view().snapshot());
    orchestrators = node.view().snapshot().withRole("orchestrator").stream().map(NodeDescriptor::nodeId)
        .collect(Collectors.toUnmodifiableSet());
    schedulers = ZoneSchedulers.of(node.view().snapshot(), node.config().topology());
    capacity = new CapacityView(node.clock(), CAPACITY_STALE_MS, node.config().nodeId());
    return capacity.start(vertx).compose(c -> DistanceSubscriber.start(vertx, node)).compose(distances -> {
      index = new CandidateIndex(slots, capacity);
      Breakers breakers = new Breakers(BreakerSettings.from(node.config().settings()),
          node.hazelcast().getMap(Breakers.MAP), node.config().nodeId(),
          target -> context.runOnContext(v -> orchestrator.targetsRecovered()), zone -> index.inZone(zone));
      retention = new Retention(vertx, tracker, node.timeouts().dataMaster().toMillis());
      journal = new RecordJournal(node.config().dataDir().resolve("orchestrator").resolve("records"));
      feed = new RecordFeed(vertx, node.hazelcast(), context, node.timeouts().workTracker().toMillis(), journal);
      zoneUnits = new io.nearflow.datamaster.ZoneUnits(vertx, node.hazelcast(), node.timeouts().dataMaster().toMillis(),
          () -> node.view().snapshot().nodes().stream().map(NodeDescriptor::host).collect(Collectors.toSet()));
      runBook = new RunBook(vertx, node.config().nodeId(), tracker, feed, () -> schedulers,
          node.timeouts().workTracker().toMillis());
      ReplicaFeed replicas = new ReplicaFeed(vertx, node.config().nodeId(), node.timeouts().workTracker().toMillis(),
          runBook::snapshot);
      runBook.replicateTo(replicas);
      feed.mirrorTo(replicas);
      retention.afterReplication(replicas::whenReplicated);
      takeover = new ZoneTakeover(node.config().nodeId(), node.config().zone(), replicas, runBook);
      runBook.expireEndedWithin(options.recordRetention().toMillis());
      orchestrator = new Orchestrator(vertx, node.config().nodeId(), runBook, index, slots, () -> schedulers,
          this::capacityChanged, distances,
          RoutingAlgorithms.byName(options.routing()), () -> alive, breakers, options, node.clock(),
          new RunEvents(vertx.eventBus()), retention);
      catalog = new WorkflowCatalog(node.hazelcast(),
          new WorkflowRepository(node.config().dataDir().resolve("orchestrator")), context);
      workflowRequests = new WorkflowRequests(catalog, quorum, this::zonesInView, node.config().topology().zones());
      dataMaster = new ClusterDataRegistry(vertx, node.hazelcast(), io.nearflow.routing.Locality.unknown(),
          node.timeouts().dataMaster().toMillis());
      adoption = new RunAdoption(vertx, tracker, runBook, catalog, orchestrator, node.clock(), dataMaster);
      expiry = new RecordExpiry(vertx, node.hazelcast(), node.clock(), recordRetention);
      long expireBefore = Micros.now(node.clock()) - options.recordRetention().toMillis() * 1000;
      return vertx.executeBlocking(() -> {
        restored = journal.open(expireBefore);
        catalog.restoreFromDisk();
        return null;
      }, false);
    }).compose(v -> {
      viewListener = s -> context.runOnContext(x -> viewChanged(s));
      node.view().onChange(viewListener);
      mergedListener = () -> context.runOnContext(x -> {
        runBook.refeedAll();
        zoneUnits.refeedAll();
        publishCapacity();
      });
      node.view().onRewriteNeeded(mergedListener);
      capacity.onSummary(s -> context.runOnContext(x -> {
        if (orchestrator.hasWaiting()) {
          orchestrator.targetsRecovered(); // another zone may take what waits here
        }
      }));
      timers.add(vertx.setPeriodic(CAPACITY_HEARTBEAT_MS, t -> publishCapacity()));
      timers.add(vertx.setPeriodic(ZoneReplica.ENDED_KEEP_MS / 2, t -> takeover.prune()));
      timers.add(vertx.setPeriodic(RECONCILE_EVERY_MS, t -> {
        if (!schedulers.zonesOf(node.config().nodeId()).isEmpty()) {
          adoption.reconcile(() -> orchestrators, RECONCILE_QUIET_MS)
              .onSuccess(n -> {
                if (n > 0) {
                  LOG.warning("reconciler: " + n + " hop(s) of stalled runs started again");
                }
              });
        }
      }));
      timers.add(vertx.setPeriodic(recordRetention.sweepEvery().toMillis(), t -> sweepRecords()));
      timers.add(vertx.setPeriodic(WAITING_RECHECK_MS, t -> {
        if (orchestrator.hasWaiting()) {
          orchestrator.targetsRecovered();
        }
      }));
      var bus = vertx.eventBus();
      String me = node.config().nodeId();
      return Future.all(List.of(
          bus.<JsonObject>consumer(Addresses.hopOutcome(me), this::outcome).completion(),
          bus.<JsonObject>consumer(Addresses.schedulerStartRun(me), this::startRun).completion(),
          bus.<JsonObject>consumer(Addresses.schedulerAgents(me), this::agentReport).completion(),
          bus.<JsonObject>consumer(Addresses.schedulerSlotFreed(me), m -> orchestrator.slotFreed(
              m.body().getString("instanceId"), m.body().getString("token"))).completion(),
          bus.<JsonObject>consumer(Addresses.schedulerHandOff(me), this::handOff).completion(),
          bus.<JsonObject>consumer(Addresses.schedulerRunChange(me), this::runChange).completion(),
          bus.<JsonObject>consumer(Addresses.schedulerUnits(me), m -> {
            try {
              m.reply(zoneUnits.handle(m.body()));
            } catch (RuntimeException e) {
              m.fail(400, "zone data registry: " + e.getMessage());
            }
          }).completion(),
          bus.<JsonObject>consumer(Addresses.schedulerRun(me), this::heldRuns).completion(),
          bus.<JsonObject>consumer(Addresses.schedulerReplica(me), m -> takeover.batch(m)).completion(),
          bus.<JsonObject>consumer(Addresses.START_RUN, this::startRun).completion(),
          bus.<JsonObject>consumer(Addresses.CANCEL_RUN, this::cancelRun).completion(),
          bus.<JsonObject>consumer(RUN_CANCELLED, m -> orchestrator.runCancelled(m.body().getString("runId"))).completion(),
          bus.<JsonObject>consumer(Addresses.RETRY_RUN, this::retryRun).completion(),
          bus.<JsonObject>consumer(Addresses.WORKFLOWS, workflowRequests::handle).completion()))
          .onSuccess(ok -> {
            takeover.follow(node.view().snapshot(), schedulers);
            restoreFromJournal();
          });
    });
  }

  /**
   * After a restart: the records this scheduler's journal holds go back into the cluster maps
   * (where they hold nothing more advanced: after a restart of every node they hold nothing), and
   * the running runs among them resume. Not awaited by start(): a node comes up at once, and
   * resumed hops wait for capacity like any other.
   */
  private void restoreFromJournal() {
    RecordJournal.Contents contents = restored;
    restored = null;
    if (contents == null || (contents.hops().isEmpty() && contents.runs().isEmpty())) {
      return;
    }
    java.util.Set<String> running = contents.runs().entrySet().stream()
        .filter(e -> RunRecord.fromJson(new JsonObject(e.getValue())).state() == RunState.RUNNING)
        .map(java.util.Map.Entry::getKey).collect(Collectors.toSet());
    feed.restore(contents)
        .compose(v -> running.isEmpty() ? Future.succeededFuture(0) : adoption.resume(running))
        .onSuccess(n -> LOG.info("restored " + contents.runs().size() + " run(s) and " + contents.hops().size()
            + " hop record(s) from the journal; " + running.size() + " running run(s) resumed (" + n
            + " hop(s) started again)"))
        .onFailure(err -> LOG.warning("restoring records from the journal failed: " + err.getMessage()));
  }

  @Override
  public Future<?> stop() {
    if (viewListener != null) {
      node.view().removeListener(viewListener);
    }
    if (mergedListener != null) {
      node.view().removeMergedListener(mergedListener);
    }
    timers.forEach(vertx::cancelTimer);
    if (capacity != null) {
      capacity.close();
    }
    if (retention != null) {
      retention.flush();
    }
    if (catalog != null) {
      catalog.close();
    }
    // A graceful stop hands the records still waiting to the cluster maps (and the journal) first.
    Future<Void> drained = feed == null ? Future.succeededFuture() : feed.drain(2_000);
    return drained.compose(v -> journal == null ? Future.succeededFuture()
        : vertx.executeBlocking(() -> {
          journal.close();
          return null;
        }));
  }

  private static Set<String> nodeIds(ClusterSnapshot s) {
    return s.nodes().stream().map(NodeDescriptor::nodeId).collect(Collectors.toUnmodifiableSet());
  }

  private void viewChanged(ClusterSnapshot s) {
    Set<String> before = alive;
    Set<String> orchestratorsBefore = orchestrators;
    alive = nodeIds(s);
    orchestrators = s.withRole("orchestrator").stream().map(NodeDescriptor::nodeId)
        .collect(Collectors.toUnmodifiableSet());
    schedulers = ZoneSchedulers.of(s, node.config().topology());
    String me = node.config().nodeId();
    int had = slots.size();
    // Instances of departed nodes, and of zones another scheduler has now, leave the table; the
    // agents of zones this node took over report to it on the same membership event.
    takeover.follow(s, schedulers);
    quorum.observe(zonesInView());
    slots.retain(info -> alive.contains(info.nodeId()) && schedulers.schedules(me, info.zone()));
    capacity.retainSchedulers(alive);
    if (slots.size() != had) {
      capacityChanged();
    }
    if (alive.containsAll(before)) {
      return;
    }
    orchestrator.nodesLeft(alive);
    boolean orchestratorLeft = !orchestrators.containsAll(orchestratorsBefore);
    if (!orchestratorLeft) {
      return;
    }
    // A zone's scheduler adopts the runs homed in its zone (from what it holds: no map needed);
    // the live orchestrator with the smallest node id adopts the runs whose home zone has none.
    if (!schedulers.zonesOf(me).isEmpty()) {
      adoption.adoptHome(() -> orchestrators);
    }
    boolean adopter = orchestrators.stream().sorted().findFirst().map(me::equals).orElse(false);
    if (adopter) {
      adoption.adopt(() -> orchestrators);
    }
  }

  private Set<String> zonesInView() {
    return node.view().snapshot().withRole("orchestrator").stream().map(NodeDescriptor::zone).collect(Collectors.toSet());
  }

  /** An agent's instances and booked hops (see {@link SlotTable#merge}). */
  private void agentReport(Message<JsonObject> msg) {
    AgentReport report = AgentReport.fromJson(msg.body());
    String me = node.config().nodeId();
    int had = slots.size();
    var freed = slots.merge(report, info -> schedulers.schedules(me, info.zone()) && alive.contains(info.nodeId()));
    msg.reply(new JsonObject().put("scheduler", me));
    if (!freed.isEmpty() || slots.size() != had) {
      capacityChanged();
      freed.forEach(orchestrator::capacityFreed);
    }
  }

  /**
   * Ended runs past the record retention leave the cluster maps: swept by one orchestrator, the
   * live one with the smallest node id (each side of a split sweeps its own; deletes are idempotent).
   */
  private void sweepRecords() {
    if (orchestrators.stream().sorted().findFirst().map(node.config().nodeId()::equals).orElse(false)) {
      expiry.sweep();
    }
  }

  /**
   * Queries of the runs this scheduler coordinates (fresher than the cluster maps by a feed batch):
   * one run with its hops, or ({@code all}) a listing's page of held runs (see {@link RunPage#held}).
   */
  private void heldRuns(Message<JsonObject> m) {
    if (m.body().getBoolean("all", false)) {
      m.reply(RunPage.held(runBook.heldRuns(), m.body()));
      return;
    }
    String runId = m.body().getString("runId", "");
    JsonObject held = m.body().getBoolean("withHops", true) ? runBook.heldWithHops(runId) : runBook.heldRun(runId);
    m.reply(held == null ? new JsonObject().put("missing", true) : held);
  }

  /** A change to a run homed here, from the scheduler that owns one of its hops in another zone. */
  private void runChange(Message<JsonObject> msg) {
    String runId = msg.body().getString("runId", "");
    if (!runBook.isHome(runId)) {
      msg.fail(409, "scheduler " + node.config().nodeId() + " does not coordinate run " + runId + " (views differ; resend)");
      return;
    }
    JsonObject hop = msg.body().getJsonObject("hop");
    runBook.applyHere(runId, RunChange.fromJson(msg.body().getJsonObject("change")),
            hop == null ? null : HopRecord.fromJson(hop))
        .onSuccess(r -> {
          if (r == null) {
            msg.reply(new JsonObject().put("missing", true));
            return;
          }
          msg.reply(new JsonObject().put("run", r.run().toJson()).put("added", new JsonArray(r.added())));
        })
        .onFailure(err -> msg.fail(500, "run " + runId + " not changed: " + err.getMessage()));
  }

  /** Spillback from another zone's scheduler: take the hop (idempotent by hop id). */
  private void handOff(Message<JsonObject> msg) {
    HopRecord record;
    try {
      record = HopRecord.fromJson(msg.body().getJsonObject("hop"));
    } catch (RuntimeException e) {
      msg.reply(new JsonObject().put("taken", false).put("reason", "malformed hand-off: " + e.getMessage()));
      return;
    }
    catalog.get(record.workflow(), record.workflowVersion()).onComplete(ar -> {
      if (ar.failed() || ar.result().isEmpty()) {
        msg.reply(new JsonObject().put("taken", false).put("reason", ar.failed() ? ar.cause().getMessage()
            : "workflow " + record.workflow() + " v" + record.workflowVersion() + " is unknown here"));
        return;
      }
      orchestrator.takeOver(ar.result().get(), record, msg.body().getString("producerStep"));
      msg.reply(new JsonObject().put("taken", true));
    });
  }

  /** A booking or release changed this scheduler's table: publish the summary soon (coalesced). */
  private void capacityChanged() {
    if (capacityPublishArmed) {
      return;
    }
    capacityPublishArmed = true;
    vertx.setTimer(CAPACITY_COALESCE_MS, t -> {
      capacityPublishArmed = false;
      publishCapacity();
    });
  }

  private void publishCapacity() {
    List<String> zones = schedulers.zonesOf(node.config().nodeId());
    if (zones.isEmpty() && !publishedNonEmpty) {
      return; // a standby publishes nothing (once it stopped scheduling, one empty summary says so)
    }
    publishedNonEmpty = !zones.isEmpty();
    CapacitySummary summary = new CapacitySummary(node.config().nodeId(), zones, ++capacitySeq, slots.loads());
    vertx.eventBus().publish(Addresses.CAPACITY, summary.toJson());
  }

  private void outcome(Message<JsonObject> msg) {
    msg.reply(new JsonObject());
    orchestrator.onOutcome(HopOutcome.fromJson(msg.body()));
  }

  private void startRun(Message<JsonObject> msg) {
    StartRun req;
    try {
      req = StartRun.fromJson(msg.body());
    } catch (RuntimeException e) {
      msg.fail(400, "bad start-run request: " + e.getMessage());
      return;
    }
    // A run is coordinated by the scheduler of the zone its input is in: forward it there when
    // that is another node (this one got it as the any-orchestrator fallback).
    String me = node.config().nodeId();
    String inputZone = req.input().locality().zone();
    String target = schedulers.schedulerOf(inputZone).or(() -> schedulers.schedulerOf(node.config().zone()))
        .orElse(null);
    if (target == null) {
      msg.fail(503, "no zone scheduler is alive to coordinate a run for zone '" + inputZone + "'");
      return;
    }
    if (!target.equals(me)) {
      vertx.eventBus().<JsonObject>request(Addresses.schedulerStartRun(target), msg.body(),
              new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(node.timeouts().workTracker().toMillis()))
          .onSuccess(r -> msg.reply(r.body())).onFailure(err -> reply(msg, err));
      return;
    }
    // A scheduler is always the one of its own zone, and runs are homed where their scheduler sits:
    // the input's zone, or, for a zone without an orchestrator, the zone that schedules it.
    String home = node.config().zone();
    catalog.get(req.workflow(), req.workflowVersion()).onComplete(ar -> {
      if (ar.failed()) {
        msg.fail(500, ar.cause().getMessage());
      } else if (ar.result().isEmpty()) {
        msg.fail(404, "no workflow '" + req.workflow() + "'"
            + (req.workflowVersion() > 0 ? " version " + req.workflowVersion() : "") + " is registered");
      } else {
        orchestrator.startRun(ar.result().get(), req.input(), home)
            .onSuccess(run -> msg.reply(run.toJson()))
            .onFailure(err -> msg.fail(500, "run not started: " + err.getMessage()));
      }
    });
  }

  private void cancelRun(Message<JsonObject> msg) {
    String runId = msg.body().getString("runId", "");
    runBook.get(runId).compose(run -> {
      if (run == null) {
        return Future.failedFuture(new io.vertx.core.eventbus.ReplyException(
            io.vertx.core.eventbus.ReplyFailure.RECIPIENT_FAILURE, 404, "no run " + runId));
      }
      if (run.state().terminal()) {
        return Future.succeededFuture(run);
      }
      return runBook.change(runId, RunChange.cancelled(Micros.now(node.clock())), null).map(RunChange.Result::run);
    }).onSuccess(run -> {
      vertx.eventBus().publish(RUN_CANCELLED, new JsonObject().put("runId", runId));
      io.nearflow.protocol.RunEventStream.publish(vertx.eventBus(), runId, "run-ended", "run", run.toJson());
      msg.reply(run.toJson());
    }).onFailure(err -> reply(msg, err));
  }

  private void retryRun(Message<JsonObject> msg) {
    String runId = msg.body().getString("runId", "");
    runBook.withHops(runId).compose(found -> {
      if (found == null) {
        return Future.failedFuture(failure(404, "no run " + runId));
      }
      RunRecord run = found.run();
      if (run.state() != RunState.FAILED) {
        return Future.failedFuture(failure(409, "run " + runId + " is " + run.state() + "; only FAILED runs can be retried"));
      }
      List<HopRecord> hops = found.hops();
      return catalog.get(run.workflow(), run.workflowVersion()).compose(wf -> {
        if (wf.isEmpty()) {
          return Future.failedFuture(failure(409, "workflow " + run.workflow() + " v" + run.workflowVersion() + " was deleted"));
        }
        // Failed hops run again; successors that in-flight hops offered after the run failed were
        // never counted (RunChange refuses hops for an ended run) and start now (RetryPlan).
        RetryPlan plan = RetryPlan.of(run, wf.get(), hops);
        List<Future<DataUnit>> inputs = plan.started().stream().map(h -> dataMaster.unit(h.inputUnitId())).toList();
        return Future.all(inputs).compose(units -> runBook.change(runId, plan.change(Micros.now(node.clock())), null)
            .map(r -> {
              plan.rerun().forEach(h -> orchestrator.resubmit(wf.get(), h, 1));
              for (int i = 0; i < plan.started().size(); i++) {
                RetryPlan.NewHop h = plan.started().get(i);
                orchestrator.resubmit(wf.get(), HopRecord.created(h.hopId(), runId, run.workflow(), run.workflowVersion(),
                    h.step().name(), h.step().type(), units.resultAt(i), node.config().nodeId(), Micros.now(node.clock())), 1);
              }
              return r.run();
            }));
      });
    }).onSuccess(r -> msg.reply(r.toJson())).onFailure(err -> reply(msg, err));
  }

  private static io.vertx.core.eventbus.ReplyException failure(int code, String message) {
    return new io.vertx.core.eventbus.ReplyException(io.vertx.core.eventbus.ReplyFailure.RECIPIENT_FAILURE, code, message);
  }

  private static void reply(Message<?> msg, Throwable err) {
    WorkflowRequests.reply(msg, err);
  }

}
