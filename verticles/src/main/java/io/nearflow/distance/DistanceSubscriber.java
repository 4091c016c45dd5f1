package io.nearflow.distance;

import io.nearflow.node.NodeContext;
import io.nearflow.orchestrator.DistanceView;
import io.nearflow.protocol.Addresses;
import io.nearflow.routing.DistanceCalculator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.logging.Logger;

/**
 * Keeps a {@link DistanceView} current from the distance calculator's publications. Until the
 * first tables arrive (or when no distance node runs) it starts from this node's own topology
 * and cluster view, so routing always has tables.
 */
public final class DistanceSubscriber {
  private static final Logger LOG = Logger.getLogger(DistanceSubscriber.class.getName());

  private DistanceSubscriber() {}

  public static Future<DistanceView> start(Vertx vertx, NodeContext node) {
    DistanceView view = new DistanceView(
        DistanceCalculator.of(node.config().topology(), HostZones.of(node.view().snapshot())));
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Addresses.DISTANCE_TABLES,
        msg -> view.set(DistanceTables.calculator(msg.body())));
    return consumer.completion()
        .compose(v -> vertx.eventBus().<JsonObject>request(Addresses.DISTANCE_GET, new JsonObject(),
            new DeliveryOptions().setSendTimeout(node.timeouts().distance().toMillis())))
        .map(reply -> {
          view.set(DistanceTables.calculator(reply.body()));
          return view;
        })
        .recover(err -> {
          LOG.info("no distance calculator answered (" + err.getMessage() + "); using this node's topology until one publishes");
          return Future.succeededFuture(view);
        });
  }
}
