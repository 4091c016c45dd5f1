package io.nearflow.agent;

import io.nearflow.adapters.AdapterRegistry;
import io.nearflow.node.NodeContext;
import io.nearflow.datamaster.ClusterDataRegistry;
import io.nearflow.protocol.Addresses;
import io.nearflow.protocol.HopDispatch;
import io.nearflow.protocol.HopOutcome;
import io.nearflow.protocol.InstanceInfo;
import io.nearflow.step.StepFactory;
import io.nearflow.step.StepSpec;
import io.nearflow.worktracker.LoadRecord;
import io.nearflow.worktracker.WorkTracker;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The framework agent of this host. Dispatches arrive on {@link Addresses#agentDispatch} and are
 * acknowledged at once ({@code accepted}, or refused with a reason when the instance is unknown
 * or full); the hop then runs and its outcome goes to the dispatching orchestrator, re-sent a few
 * times if that orchestrator does not acknowledge (outcomes are idempotent there).
 */
public final class AgentVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(AgentVerticle.class.getName());
  private static final int OUTCOME_ATTEMPTS = 5;

  private final NodeContext node;
  private final Map<String, StepInstance> instances = new LinkedHashMap<>();
  private final Set<String> cancelled = new HashSet<>();
  private WorkTracker tracker;
  private HopExecution execution;
  private ScratchDirs scratch;
  private AgentSettings settings;

  public AgentVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    settings = AgentSettings.from(node.config());
    tracker = new WorkTracker(node.hazelcast(), context);
    scratch = new ScratchDirs(vertx, settings.workDir(), settings.instances().stream().mapToInt(StepSpec::slots).sum());
    return scratch.open().compose(v -> node.services().adapters()).compose(this::createInstances)
        .compose(v -> vertx.eventBus().<JsonObject>consumer(Addresses.agentDispatch(node.config().nodeId()), this::dispatch)
            .completion())
        .compose(v -> vertx.eventBus().<JsonObject>consumer(Addresses.agentCancel(node.config().nodeId()),
            m -> cancelled.add(m.body().getString("hopId"))).completion())
        .compose(v -> {
          // Advertise only once dispatches can be received.
          List<Future<Void>> regs = new ArrayList<>();
          instances.values().forEach(i -> regs.add(tracker.registerInstance(i.info)));
          return Future.all(regs);
        });
  }

  private Future<Void> createInstances(AdapterRegistry adapters) {
    ClusterDataRegistry dataMaster = new ClusterDataRegistry(vertx, node.hazelcast(),
        io.nearflow.routing.Locality.of(node.config().host(), node.config().zone()), node.timeouts().dataMaster().toMillis());
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
    List<Future<?>> all = new ArrayList<>();
    for (StepInstance i : instances.values()) {
      all.add(tracker.unregisterInstance(i.info.instanceId()).recover(e -> Future.succeededFuture()));
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
    instance.running++;
    msg.reply(new JsonObject().put("accepted", true));
    Future<ScratchDirs.Scratch> dirs = scratch.acquire();
    execution.run(hop, instance, dirs).onComplete(ar -> {
      instance.running--;
      if (dirs.succeeded()) {
        // Reused only when the step has certainly stopped writing into it.
        HopOutcome outcome = ar.result();
        scratch.release(dirs.result(), outcome.succeeded() || !outcome.failure().targetSick());
      }
      // The agent owns the release of a slot it accepted: a finished hop never holds one, even
      // if its orchestrator is gone, and the orchestrator does not release it a second time
      // (the outcome says so). Release and outcome go out together: neither waits for the other.
      release(hop, 1);
      if (!cancelled.remove(hop.hopId())) {
        deliver(hop, ar.result().withSlotReleased(true), 1);
      }
    });
  }

  /** Releases the hop's slot, retrying with backoff: releasing is idempotent. */
  private void release(HopDispatch hop, int attempt) {
    tracker.release(hop.instanceId(), LoadRecord.token(hop.hopId(), hop.attempt())).onFailure(err -> {
      if (attempt < OUTCOME_ATTEMPTS) {
        vertx.setTimer(200L * attempt, t -> release(hop, attempt + 1));
      } else {
        LOG.warning("slot of hop " + hop.hopId() + " on " + hop.instanceId() + " not released after " + attempt
            + " attempts: " + err.getMessage());
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
