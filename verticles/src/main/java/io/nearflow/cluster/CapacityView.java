package io.nearflow.cluster;

import io.nearflow.protocol.Addresses;
import io.nearflow.protocol.CapacitySummary;
import io.nearflow.protocol.SlotLoad;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The capacity summaries the zone schedulers publish ({@link Addresses#CAPACITY}), newest per
 * scheduler: what another zone can take, known with no remote call. A summary not refreshed within
 * {@code staleAfterMs} (the scheduler's zone is cut off, or it died) no longer counts: its
 * instances are not offered to routing, so nothing is spilled toward a zone that cannot answer.
 */
public final class CapacityView implements AutoCloseable {
  private record Received(CapacitySummary summary, long atMs) {}

  private final Map<String, Received> bySchedulers = new ConcurrentHashMap<>();
  private final Clock clock;
  private final long staleAfterMs;
  private final String ignoredScheduler;
  private volatile Consumer<CapacitySummary> listener = s -> {};
  private MessageConsumer<JsonObject> consumer;

  /** @param ignoredScheduler this node's own id on a scheduler node (it knows its own table exactly), else null */
  public CapacityView(Clock clock, long staleAfterMs, String ignoredScheduler) {
    this.clock = clock;
    this.staleAfterMs = staleAfterMs;
    this.ignoredScheduler = ignoredScheduler;
  }

  /** Subscribes; completes once the subscription is registered cluster-wide. */
  public Future<CapacityView> start(Vertx vertx) {
    consumer = vertx.eventBus().consumer(Addresses.CAPACITY, m -> accept(CapacitySummary.fromJson(m.body())));
    return consumer.completion().map(this);
  }

  /** Called on the event loop that delivered each newer summary. */
  public void onSummary(Consumer<CapacitySummary> l) {
    this.listener = l;
  }

  void accept(CapacitySummary s) {
    if (s.scheduler().equals(ignoredScheduler)) {
      return;
    }
    Received before = bySchedulers.get(s.scheduler());
    if (before != null && before.summary().seq() > s.seq()) {
      return; // late delivery of an older summary
    }
    bySchedulers.put(s.scheduler(), new Received(s, clock.millis()));
    listener.accept(s);
  }

  /** Forgets schedulers that are no longer members (their summary would only go stale). */
  public void retainSchedulers(java.util.Set<String> nodeIds) {
    bySchedulers.keySet().retainAll(nodeIds);
  }

  /** The instances of every fresh summary, with their in-flight counts. */
  public List<SlotLoad> instances() {
    long now = clock.millis();
    List<SlotLoad> out = new ArrayList<>();
    for (Received r : bySchedulers.values()) {
      if (now - r.atMs() <= staleAfterMs) {
        out.addAll(r.summary().instances());
      }
    }
    return out;
  }

  /** Fresh summaries, one per scheduler. */
  public List<CapacitySummary> summaries() {
    long now = clock.millis();
    return bySchedulers.values().stream().filter(r -> now - r.atMs() <= staleAfterMs).map(Received::summary).toList();
  }

  @Override
  public void close() {
    if (consumer != null) {
      consumer.unregister();
    }
  }
}
