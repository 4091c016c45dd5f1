package io.nearflow.agent;

import io.nearflow.adapters.AdapterRegistry;
import io.nearflow.cluster.ClusterSnapshot;
import io.nearflow.cluster.ZoneSchedulers;
import io.nearflow.node.NodeContext;
import io.nearflow.protocol.Addresses;
import io.nearflow.protocol.AgentReport;
import io.nearflow.protocol.HopDispatch;
import io.nearflow.protocol.HopOutcome;
import io.nearflow.protocol.InstanceInfo;
import io.nearflow.protocol.SlotLoad;
import io.nearflow.step.StepFactory;
import io.nearflow.step.StepSpec;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The framework agent of this host. Dispatches arrive on {@link Addresses#agentDispatch} and are
 * acknowledged at once ({@code accepted}, or refused with a reason when the instance is unknown
 * or full); the hop then runs and its outcome goes to the dispatching orchestrator, re-sent a few
 * times if that orchestrator does not acknowledge (outcomes are idempotent there).
 *
 * <p>The agent reports its instances and the hops holding their slots to its zone's scheduler
 * ({@link AgentReport}): at start, whenever the zone's scheduler changes, and every
 * {@value #REPORT_PERIOD_MS} ms as a resync. That scheduler books the slots; the agent enforces
 * the limit anyway. A hop that ends frees its slot with its outcome; when the orchestrator that
 * dispatched it is no longer the zone's scheduler (fail-over), the current one is told too.
 */
public final class AgentVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(AgentVerticle.class.getName());
  private static final int OUTCOME_ATTEMPTS = 5;
  static final long REPORT_PERIOD_MS = 3000;

  private final NodeContext node;
  private final Map<String, StepInstance> instances = new LinkedHashMap<>();
  private volatile String scheduler;
  /** Per running hop: completed to cancel it. */
  private final Map<String, io.vertx.core.Promise<Void>> cancels = new java.util.HashMap<>();
  private Consumer<ClusterSnapshot> viewListener;
  private long reportTimer = -1;
  private HopExecution execution;
  private ScratchDirs scratch;
  private AgentSettings settings;

  public AgentVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    settings = AgentSettings.from(node.config());
    scratch = new ScratchDirs(vertx, settings.workDir(), settings.instances().stream().mapToInt(StepSpec::slots).sum());
    return scratch.open().compose(v -> node.services().adapters()).compose(this::createInstances)
        .compose(v -> vertx.eventBus().<JsonObject>consumer(Addresses.agentDispatch(node.config().nodeId()), this::dispatch)
            .completion())
        .compose(v -> vertx.eventBus().<JsonObject>consumer(Addresses.agentCancel(node.config().nodeId()),
            // The step stops (process killed, thread interrupted, call cancelled); its outcome, which
            // the orchestrator then ignores, frees the slot once it has.
            m -> {
              io.vertx.core.Promise<Void> cancel = cancels.get(m.body().getString("hopId"));
              if (cancel != null) {
                cancel.tryComplete();
              }
            })
            .completion())
        .map(v -> {
          // Advertise only once dispatches can be received.
          viewListener = s -> context.runOnContext(x -> viewChanged(s));
          node.view().onChange(viewListener);
          reportTimer = vertx.setPeriodic(REPORT_PERIOD_MS, t -> report(false));
          return null;
        });
  }

  /** Reports to the zone's scheduler again when it changed (a standby took over, or a zone gained one). */
  private void viewChanged(ClusterSnapshot s) {
    String now = ZoneSchedulers.of(s, node.config().topology()).schedulerOf(node.config().zone()).orElse(null);
    if (now != null && !now.equals(scheduler)) {
      scheduler = now;
      report(false);
    } else {
      scheduler = now;
    }
  }

  private Future<Void> report(boolean leaving) {
    return report(leaving, 1);
  }

  /**
   * A report that finds no scheduler listening (it is still starting, or just took over) is sent
   * again soon, a few times, before the periodic resync takes over.
   */
  private Future<Void> report(boolean leaving, int attempt) {
    String to = scheduler;
    if (to == null) {
      return Future.succeededFuture(); // no orchestrator alive: reported when one joins
    }
    List<SlotLoad> loads = new ArrayList<>();
    instances.values().forEach(i -> loads.add(new SlotLoad(i.info, i.running, i.running.size())));
    AgentReport r = new AgentReport(node.config().nodeId(), node.config().zone(), loads, leaving);
    return vertx.eventBus().request(Addresses.schedulerAgents(to), r.toJson(),
            new DeliveryOptions().setSendTimeout(node.timeouts().dispatch().toMillis()))
        .<Void>mapEmpty()
        .onFailure(err -> {
          LOG.fine(() -> "report " + attempt + " to scheduler " + to + " failed: " + err.getMessage());
          if (!leaving && attempt < 6 && to.equals(scheduler)) {
            vertx.setTimer(150L * attempt, t -> report(false, attempt + 1));
          }
        });
  }

  private Future<Void> createInstances(AdapterRegistry adapters) {
    var dataMaster = io.nearflow.adapterhost.AdapterVerticle.zoneRegistry(vertx, node,
        io.nearflow.routing.Locality.of(node.config().host(), node.config().zone()));
    execution = new HopExecution(vertx, adapters, node.clock(), dataMaster::unit);
    Map<String, Integer> perType = new HashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (StepSpec spec : settings.instances()) {
      int n = perType.merge(spec.type(), 1, Integer::sum);
      String id = node.config().nodeId() + "/" + spec.type() + (n > 1 ? "#" + n : "");
      InstanceInfo info = new InstanceInfo(id, spec.type(), node.config().nodeId(), node.config().host(),
          node.config().zone(), spec.slots());
      chain = chain.compose(v -> StepFactory.create(vertx, spec).map(step -> {
        instances.put(id, new StepInstance(info, step));
        return null;
      }));
    }
    return chain;
  }

  @Override
  public Future<?> stop() {
    if (viewListener != null) {
      node.view().removeListener(viewListener);
    }
    vertx.cancelTimer(reportTimer);
    List<Future<?>> all = new ArrayList<>();
    all.add(report(true).recover(e -> Future.succeededFuture()));
    for (StepInstance i : instances.values()) {
      all.add(i.step.close());
    }
    return Future.join(all);
  }

  private void dispatch(Message<JsonObject> msg) {
    HopDispatch hop;
    try {
      hop = HopDispatch.fromJson(msg.body());
    } catch (RuntimeException e) {
      msg.reply(new JsonObject().put("accepted", false).put("reason", "malformed dispatch: " + e.getMessage()));
      return;
    }
    StepInstance instance = instances.get(hop.instanceId());
    if (instance == null) {
      msg.reply(new JsonObject().put("accepted", false).put("reason", "no instance " + hop.instanceId() + " here"));
      return;
    }
    if (!instance.hasSlot()) {
      // The work tracker's booking should make this impossible; refusing keeps the limit even if not.
      msg.reply(new JsonObject().put("accepted", false).put("reason", "instance " + hop.instanceId() + " is full"));
      return;
    }
    String token = hop.hopId() + "#" + hop.attempt();
    instance.running.add(token);
    msg.reply(new JsonObject().put("accepted", true));
    Future<ScratchDirs.Scratch> dirs = scratch.acquire();
    io.vertx.core.Promise<Void> cancel = io.vertx.core.Promise.promise();
    cancels.put(hop.hopId(), cancel);
    execution.run(hop, instance, dirs, cancel.future()).onComplete(ar -> {
      cancels.remove(hop.hopId(), cancel);
      instance.running.remove(token);
      if (dirs.succeeded()) {
        // Reused only when the step has certainly stopped writing into it.
        HopOutcome outcome = ar.result();
        // A cancelled Java step may ignore its interrupt and go on writing: not reused either.
        scratch.release(dirs.result(), outcome.succeeded()
            || (!outcome.failure().targetSick() && outcome.failure() != io.nearflow.protocol.FailureKind.CANCELLED));
      }
      // The outcome frees the slot at the dispatching orchestrator. If that is no longer the
      // zone's scheduler (it died, or a standby took over), the scheduler is told as well; should
      // that message be lost, the next report retires the slot anyway.
      deliver(hop, ar.result(), 1);
      String current = scheduler;
      if (current != null && !current.equals(hop.orchestratorNodeId())) {
        vertx.eventBus().send(Addresses.schedulerSlotFreed(current),
            new JsonObject().put("instanceId", hop.instanceId()).put("token", token));
      }
    });
  }

  private void deliver(HopDispatch hop, HopOutcome outcome, int attempt) {
    vertx.eventBus().request(Addresses.hopOutcome(hop.orchestratorNodeId()), outcome.toJson(),
        new DeliveryOptions().setSendTimeout(node.timeouts().outcomeDelivery().toMillis())).onFailure(err -> {
          if (attempt < OUTCOME_ATTEMPTS) {
            vertx.setTimer(200L * attempt, t -> deliver(hop, outcome, attempt + 1));
          } else {
            LOG.warning("outcome of hop " + hop.hopId() + " not delivered to orchestrator " + hop.orchestratorNodeId()
                + " after " + attempt + " attempts: " + err.getMessage());
          }
        });
  }

  /** Instances of this agent, for tests and the topology API. */
  public List<InstanceInfo> instances() {
    return instances.values().stream().map(i -> i.info).toList();
  }
}
