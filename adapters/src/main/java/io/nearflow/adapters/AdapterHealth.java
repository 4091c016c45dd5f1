package io.nearflow.adapters;

import io.vertx.core.json.JsonObject;

/**
 * Health of one adapter on one host, for the node's health endpoint and the agent's readiness.
 *
 * @param adapter adapter name
 * @param healthy whether pulls and pushes can be expected to work
 * @param detail a sentence a person can act on ("store /data is not writable")
 * @param usableBytes free space for new units, or -1 when the storage cannot tell
 */
public record AdapterHealth(String adapter, boolean healthy, String detail, long usableBytes) {
  public JsonObject toJson() {
    return new JsonObject()
        .put("adapter", adapter)
        .put("healthy", healthy)
        .put("detail", detail)
        .put("usableBytes", usableBytes);
  }
}
