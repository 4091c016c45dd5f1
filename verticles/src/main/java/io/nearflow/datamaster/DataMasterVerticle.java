package io.nearflow.datamaster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.nearflow.cluster.ClusterSnapshot;
import io.nearflow.cluster.NodeDescriptor;
import io.nearflow.data.DataLocation;
import io.nearflow.data.DataUnit;
import io.nearflow.data.LocalityJson;
import io.nearflow.distance.DistanceSubscriber;
import io.nearflow.node.NodeContext;
import io.nearflow.orchestrator.DistanceView;
import io.nearflow.protocol.Addresses;
import io.nearflow.routing.Locality;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Serves the data master contract on {@link Addresses#DATA_MASTER}; the body's {@code action}
 * is {@code register}, {@code locate}, {@code remove}, {@code get} or {@code list}. Failures
 * reply with code 404 (unknown unit), 409 (different content under a known id) or 400.
 * {@code retire} (a list of {@code unitIds}) is retention's: it drops units with all their
 * locations and has the holding hosts delete their copies.
 */
public final class DataMasterVerticle extends VerticleBase {
  static final String UNITS = "nearflow.units";
  private static final Logger LOG = Logger.getLogger(DataMasterVerticle.class.getName());

  private final NodeContext node;
  private final HazelcastInstance hazelcast;
  private IMap<String, String> units;
  private DistanceView distances;
  /** Hosts that left and have not come back. */
  private final Set<String> hostsGone = new HashSet<>();
  private Set<String> hostsSeen = new HashSet<>();
  private Consumer<ClusterSnapshot> viewListener;

  public DataMasterVerticle(NodeContext node, HazelcastInstance hazelcast) {
    this.node = node;
    this.hazelcast = hazelcast;
  }

  @Override
  public Future<?> start() {
    units = hazelcast.getMap(UNITS);
    viewListener = s -> context.runOnContext(v -> membershipChanged(s));
    return DistanceSubscriber.start(vertx, node).compose(d -> {
      distances = d;
      node.view().onChange(viewListener);
      return vertx.eventBus().<JsonObject>consumer(Addresses.DATA_MASTER, this::handle).completion();
    });
  }

  @Override
  public Future<?> stop() {
    node.view().removeListener(viewListener);
    return Future.succeededFuture();
  }

  private void handle(Message<JsonObject> msg) {
    JsonObject body = msg.body();
    try {
      switch (body.getString("action", "")) {
        case "register" -> register(msg, DataUnit.fromJson(body.getJsonObject("unit")));
        case "locate" -> locate(msg, body.getString("unitId"),
            LocalityJson.fromJson(body.getJsonObject("from", new JsonObject()), "locate", "from"));
        case "retire" -> retire(msg, body.getJsonArray("unitIds", new JsonArray()));
        case "remove" -> Future.fromCompletionStage(units.submitToKey(body.getString("unitId"),
                new RemoveCopy(DataLocation.fromJson(body.getJsonObject("location")))), context)
            .onSuccess(removed -> msg.reply(new JsonObject().put("removed", removed)))
            .onFailure(err -> msg.fail(500, err.getMessage()));
        case "get" -> firstFound(body.getString("unitId"))
            .onSuccess(json -> {
              if (json == null) {
                msg.fail(404, "unknown data unit " + body.getString("unitId"));
              } else {
                msg.reply(new JsonObject(json));
              }
            }).onFailure(err -> msg.fail(500, err.getMessage()));
        case "list" -> io.nearflow.cluster.ClusterCalls.blocking(vertx, () -> {
          JsonArray out = new JsonArray();
          units.values().forEach(v -> out.add(new JsonObject(v)));
          return new JsonObject().put("units", out);
        }).onSuccess(msg::reply).onFailure(err -> msg.fail(500, err.getMessage()));
        default -> msg.fail(400, "unknown data master action '" + body.getString("action") + "'");
      }
    } catch (RuntimeException e) {
      msg.fail(400, e.getMessage());
    }
  }

  private void register(Message<JsonObject> msg, DataUnit unit) {
    Future.fromCompletionStage(units.submitToKey(unit.id(), new RegisterCopy(unit)), context).onSuccess(conflict -> {
      if (conflict.isEmpty()) {
        msg.reply(new JsonObject());
      } else {
        msg.fail(409, "data unit " + unit.id() + " is already registered with different content: " + conflict);
      }
    }).onFailure(err -> msg.fail(500, err.getMessage()));
  }

  /**
   * Retention: drops the units (every location at once) and tells each node whose adapter holds
   * a copy to delete it, one message per node for the whole batch. Idempotent: a unit retired
   * already is skipped. Replies with how many units were dropped once the registry changed; the
   * file deletions are best effort (a copy left behind is unregistered garbage, not a live unit).
   */
  private void retire(Message<JsonObject> msg, JsonArray unitIds) {
    Set<String> ids = new HashSet<>();
    unitIds.forEach(id -> ids.add(String.valueOf(id)));
    Future.fromCompletionStage(units.submitToKeys(ids, new RetireUnit()), context).onSuccess(removed -> {
      java.util.Map<String, JsonArray> byNode = new java.util.HashMap<>();
      int dropped = 0;
      for (String json : removed.values()) {
        if (json == null) {
          continue;
        }
        dropped++;
        UnitEntry entry = UnitEntry.fromJson(new JsonObject(json));
        for (UnitEntry.Copy copy : entry.copies()) {
          for (NodeDescriptor n : node.view().snapshot().nodes()) {
            if (n.runs("adapter") && n.host().equals(copy.location().locality().host())) {
              byNode.computeIfAbsent(n.nodeId(), k -> new JsonArray())
                  .add(entry.unit().withLocality(copy.location().locality()).toJson());
            }
          }
        }
      }
      byNode.forEach((nodeId, list) -> vertx.eventBus().send(Addresses.adapterDelete(nodeId), new JsonObject().put("units", list)));
      msg.reply(new JsonObject().put("retired", dropped));
    }).onFailure(err -> msg.fail(500, err.getMessage()));
  }

  private void locate(Message<JsonObject> msg, String unitId, Locality from) {
    // The index first (it knows which copies are unreachable); a unit it does not list yet was
    // registered a moment ago in some zone, whose scheduler feeds the index behind.
    Future.fromCompletionStage(units.getAsync(unitId), context)
        .compose(json -> json != null ? Future.succeededFuture(json) : fromZones(unitId)).onSuccess(json -> {
      if (json == null) {
        msg.fail(404, "unknown data unit " + unitId);
        return;
      }
      UnitEntry entry = UnitEntry.fromJson(new JsonObject(json));
      var calc = distances.get();
      List<UnitEntry.Copy> reachable = entry.copies().stream().filter(UnitEntry.Copy::reachable)
          .sorted(Comparator.comparingInt(c -> calc.distance(from, c.location().locality()))).toList();
      JsonArray locations = new JsonArray();
      reachable.forEach(c -> locations.add(c.location().toJson()));
      msg.reply(new JsonObject().put("unit", entry.unit().toJson()).put("locations", locations)
          .put("unreachable", entry.copies().size() - reachable.size()));
    }).onFailure(err -> msg.fail(500, err.getMessage()));
  }

  /**
   * Hosts that left: their copies become unreachable. One data-master node does it (the first
   * by node id) so a departure is processed once, not once per data master.
   */
  private void membershipChanged(ClusterSnapshot view) {
    Set<String> hosts = new HashSet<>();
    view.nodes().forEach(n -> hosts.add(n.host()));
    Set<String> left = new HashSet<>(hostsSeen);
    left.removeAll(hosts);
    Set<String> back = new HashSet<>(hosts);
    back.retainAll(hostsGone);
    hostsGone.addAll(left);
    hostsGone.removeAll(hosts);
    hostsSeen = hosts;
    boolean leader = view.withRole("data-master").stream().map(NodeDescriptor::nodeId).sorted().findFirst()
        .map(node.config().nodeId()::equals).orElse(false);
    if (!left.isEmpty() && leader) {
      // executeOnEntries visits every partition and blocks: keep it off the event loop.
      io.nearflow.cluster.ClusterCalls.blocking(vertx, () -> units.executeOnEntries(new MarkHostReachable(left, false)))
          .onSuccess(r -> LOG.info("hosts " + left + " left: " + r.values().stream().mapToInt(i -> i).sum()
              + " copies marked unreachable"))
          .onFailure(err -> LOG.warning("could not mark copies on " + left + " unreachable: " + err));
    }
    if (!back.isEmpty() && leader) {
      // A host that dropped out (a bus off 4G, a zone cut off) and came back without a restart
      // still has its store: its copies are reachable again, whichever side of a merge saw it.
      io.nearflow.cluster.ClusterCalls.blocking(vertx, () -> units.executeOnEntries(new MarkHostReachable(back, true)))
          .onSuccess(r -> LOG.info("hosts " + back + " are back: " + r.values().stream().mapToInt(i -> i).sum()
              + " copies reachable again"))
          .onFailure(err -> LOG.warning("could not mark copies on " + back + " reachable: " + err));
    }
  }

  /**
   * A unit's entry from whichever answers first with one: the cluster index, or a zone scheduler's
   * registry (it registered the unit a moment ago and feeds the index behind; or the index's owner
   * is across a link that is down and the zone's own scheduler still answers). Null when every
   * source answered without it.
   */
  /** A unit's entry from the zone schedulers' registries only; null if none holds it. */
  private Future<String> fromZones(String unitId) {
    return firstFound(unitId, false);
  }

  private Future<String> firstFound(String unitId) {
    return firstFound(unitId, true);
  }

  private Future<String> firstFound(String unitId, boolean withIndex) {
    var schedulers = io.nearflow.cluster.ZoneSchedulers.of(node.view().snapshot(), node.config().topology())
        .asMap().values().stream().distinct().toList();
    java.util.List<Future<String>> asked = new java.util.ArrayList<>();
    long timeoutMs = node.timeouts().dataMaster().toMillis();
    if (withIndex) {
      asked.add(Future.fromCompletionStage(units.getAsync(unitId), context)
          .timeout(timeoutMs, java.util.concurrent.TimeUnit.MILLISECONDS));
    }
    for (String s : schedulers) {
      asked.add(vertx.eventBus().<JsonObject>request(Addresses.schedulerUnits(s),
              new JsonObject().put("action", "entry").put("unitId", unitId),
              new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(timeoutMs))
          .map(m -> m.body().containsKey("entry") ? m.body().getJsonObject("entry").encode() : null));
    }
    io.vertx.core.Promise<String> found = io.vertx.core.Promise.promise();
    for (Future<String> f : asked) {
      f.onSuccess(json -> {
        if (json != null) {
          found.tryComplete(json);
        }
      });
    }
    Future.join(asked).onComplete(all -> {
      if (!asked.isEmpty() && asked.stream().allMatch(Future::failed)) {
        found.tryFail(asked.get(0).cause());
      } else {
        found.tryComplete(null);
      }
    });
    return found.future();
  }
}
