package io.nearflow.node;

import io.nearflow.adapters.AdapterRegistry;
import io.nearflow.adapters.TransferStats;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * Services one role provides to the other roles of the same node: the adapter role's adapters
 * (the agent pulls and pushes through them) and the node's traffic counters. Roles deploy in an
 * order that makes a provider start before its users; users wait on the future regardless.
 */
public final class NodeServices {
  private final Promise<AdapterRegistry> adapters = Promise.promise();
  private final TransferStats transferStats = new TransferStats();

  public Future<AdapterRegistry> adapters() {
    return adapters.future();
  }

  public void provideAdapters(AdapterRegistry registry) {
    adapters.tryComplete(registry);
  }

  public void adaptersFailed(Throwable cause) {
    adapters.tryFail(cause);
  }

  /** Bytes moved per zone pair and pulls by method, for this node's adapters. */
  public TransferStats transferStats() {
    return transferStats;
  }
}
