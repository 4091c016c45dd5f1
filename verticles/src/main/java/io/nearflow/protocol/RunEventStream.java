package io.nearflow.protocol;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Shareable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of every run travel on ONE cluster address; each node that has watchers subscribes
 * to it once and hands each event to the watchers of its run, locally.
 *
 * <p>Why not an address per run: on a clustered event bus the first publish to an address looks
 * its subscribers up in Hazelcast, and every consumer is a cluster-wide registration and
 * removal; per-run addresses paid both for every run, whether anyone watched or not. Here a
 * cluster with no watcher sends nothing (the publisher's look-up of the one address is cached),
 * and a node with watchers receives all run events and filters them by run id — a firehose
 * sized for watch streams and the demo, not for thousands of nodes.
 *
 * <p>The node's subscription lives on its own event loop, tied to no verticle, and is dropped a
 * while after its last watcher left. Watchers are called on the context that started them.
 */
public final class RunEventStream implements Shareable {
  /** Every run's events: {@code {"runId", "type": run-started|hop-*|run-ended, "run"|"hop"}}. */
  public static final String ADDRESS = "nearflow.run.events.v1";
  private static final long IDLE_UNSUBSCRIBE_MS = 60_000;

  private final VertxInternal vertx;
  private final ContextInternal home;
  /** Only touched on {@link #home}. */
  private final Map<String, List<Watcher>> watchers = new HashMap<>();
  private MessageConsumer<JsonObject> consumer;
  private Future<Void> subscribed;
  private long idleTimer = -1;

  private record Watcher(ContextInternal context, Handler<JsonObject> handler) {}

  private RunEventStream(Vertx vertx) {
    this.vertx = (VertxInternal) vertx;
    this.home = this.vertx.createEventLoopContext();
  }

  /** The node's stream (one per Vert.x instance). */
  public static RunEventStream of(Vertx vertx) {
    return vertx.sharedData().<String, RunEventStream>getLocalMap("nearflow.run-event-stream")
        .computeIfAbsent("stream", k -> new RunEventStream(vertx));
  }

  /** Publishes one event of {@code runId}: {@code payloadKey} is "run" or "hop". */
  public static void publish(EventBus bus, String runId, String type, String payloadKey, JsonObject payload) {
    bus.publish(ADDRESS, new JsonObject().put("runId", runId).put("type", type).put(payloadKey, payload));
  }

  /**
   * Calls {@code handler} with every event of {@code runId} published after the returned future
   * completes, until the completed value (a closer) is run.
   */
  public Future<Runnable> watch(String runId, Handler<JsonObject> handler) {
    ContextInternal caller = vertx.getOrCreateContext();
    Watcher w = new Watcher(caller, handler);
    Promise<Runnable> result = caller.promise();
    home.runOnContext(v -> {
      watchers.computeIfAbsent(runId, k -> new ArrayList<>()).add(w);
      subscribe().onComplete(ar -> {
        if (ar.succeeded()) {
          result.complete(() -> home.runOnContext(x -> remove(runId, w)));
        } else {
          remove(runId, w);
          result.fail(ar.cause());
        }
      });
    });
    return result.future();
  }

  private Future<Void> subscribe() {
    if (idleTimer >= 0) {
      vertx.cancelTimer(idleTimer);
      idleTimer = -1;
    }
    if (subscribed == null || subscribed.failed()) {
      consumer = vertx.eventBus().consumer(ADDRESS, this::deliver);
      subscribed = consumer.completion();
    }
    return subscribed;
  }

  private void remove(String runId, Watcher w) {
    List<Watcher> ws = watchers.get(runId);
    if (ws != null && ws.remove(w) && ws.isEmpty()) {
      watchers.remove(runId);
    }
    if (watchers.isEmpty() && consumer != null && idleTimer < 0) {
      idleTimer = vertx.setTimer(IDLE_UNSUBSCRIBE_MS, t -> {
        idleTimer = -1;
        if (watchers.isEmpty() && consumer != null) {
          consumer.unregister();
          consumer = null;
          subscribed = null;
        }
      });
    }
  }

  private void deliver(Message<JsonObject> m) {
    List<Watcher> ws = watchers.get(m.body().getString("runId", ""));
    if (ws == null) {
      return;
    }
    for (Watcher w : List.copyOf(ws)) {
      w.context().runOnContext(v -> w.handler().handle(m.body()));
    }
  }
}
