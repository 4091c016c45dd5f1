package io.nearflow.orchestrator;

import io.nearflow.cluster.ClusterSnapshot;
import io.nearflow.cluster.NodeDescriptor;
import io.nearflow.cluster.ZoneSchedulers;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Who holds a zone's runs when its scheduler changes (see the design note, "A zone survives the loss
 * of its scheduler's host"): while this node schedules its own zone, the zone's other orchestrators
 * are its standbys and receive what it holds ({@link ReplicaFeed}); as a standby it keeps what it
 * receives ({@link ZoneReplica}); when it starts scheduling the zone it takes that replica over
 * ({@link RunBook#absorb}); when it stops while alive (an orchestrator with a smaller id joined) it
 * hands what it holds to the new scheduler. Used on the orchestrator's event loop only.
 */
final class ZoneTakeover {
  private static final Logger LOG = Logger.getLogger(ZoneTakeover.class.getName());

  private final String nodeId;
  private final String zone;
  private final ReplicaFeed replicas;
  private final RunBook runBook;
  private final ZoneReplica replica = new ZoneReplica();
  private boolean schedulingOwnZone;

  ZoneTakeover(String nodeId, String zone, ReplicaFeed replicas, RunBook runBook) {
    this.nodeId = nodeId;
    this.zone = zone;
    this.replicas = replicas;
    this.runBook = runBook;
  }

  /** Follows a membership view (at start and on every change). */
  void follow(ClusterSnapshot view, ZoneSchedulers schedulers) {
    boolean now = schedulers.schedules(nodeId, zone);
    if (now) {
      replicas.standbys(view.withRole("orchestrator").stream()
          .filter(n -> n.zone().equals(zone) && !n.nodeId().equals(nodeId))
          .map(NodeDescriptor::nodeId).collect(Collectors.toSet()));
    } else {
      replicas.standbys(Set.of());
    }
    if (now && !schedulingOwnZone) {
      takeOver("took over zone " + zone);
    } else if (!now && schedulingOwnZone) {
      schedulers.schedulerOf(zone).filter(other -> !other.equals(nodeId)).ifPresent(other -> {
        LOG.info(nodeId + " hands zone " + zone + "'s runs over to its new scheduler " + other);
        replicas.handOver(other);
      });
    }
    schedulingOwnZone = now;
  }

  /** A batch from this zone's scheduler (this node is its standby), or a hand-over from the previous one. */
  void batch(Message<JsonObject> m) {
    try {
      replica.apply(m.body(), System.currentTimeMillis());
    } catch (RuntimeException e) {
      m.fail(400, "replica batch not applied: " + e.getMessage());
      return;
    }
    m.reply(new JsonObject());
    if (schedulingOwnZone) {
      // Views differed for a moment, or the previous scheduler handed over: it is this node's now.
      takeOver(m.body().getBoolean("handover", false) ? "received a hand-over from " + m.body().getString("from")
          : "received records from " + m.body().getString("from"));
    }
  }

  void prune() {
    replica.prune(System.currentTimeMillis());
  }

  private void takeOver(String why) {
    ZoneReplica.Contents c = replica.takeAll();
    if (c.isEmpty()) {
      return;
    }
    Set<String> running = runBook.absorb(c);
    LOG.info(nodeId + " " + why + ": " + c.runs().size() + " run(s) (" + running.size() + " running), "
        + c.hops().size() + " hop record(s), " + c.outbox().size() + " change(s) for other zones from its replica");
  }
}
