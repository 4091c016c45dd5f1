package io.nearflow.adapters;

import io.nearflow.data.DataRegistry;
import io.nearflow.routing.Locality;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Objects;

/**
 * What the node gives every adapter it creates: the Vert.x instance, where this host is, the data
 * master, how to reach peer hosts, the shared traffic counters, and the node's clock (creation
 * times of units come from it, so tests can fix time).
 */
public record AdapterContext(
    Vertx vertx, Locality locality, DataRegistry registry, PeerDirectory peers, TransferStats stats, Clock clock) {

  public AdapterContext {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(locality, "locality");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(peers, "peers");
    Objects.requireNonNull(stats, "stats");
    Objects.requireNonNull(clock, "clock");
  }

  public static AdapterContext of(Vertx vertx, Locality locality, DataRegistry registry, PeerDirectory peers) {
    return new AdapterContext(vertx, locality, registry, peers, new TransferStats(), Clock.systemUTC());
  }

  public AdapterContext withStats(TransferStats shared) {
    return new AdapterContext(vertx, locality, registry, peers, shared, clock);
  }
}
