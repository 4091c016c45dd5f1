package io.nearflow.adapters;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Creates one kind of adapter from its section of the node config. Implementations are listed in
 * {@code META-INF/services/io.nearflow.adapters.DataAdapterFactory}, so a new kind of storage is a
 * new jar on the class path, not a change to the orchestrator or the agent.
 */
public interface DataAdapterFactory {

  /** The adapter name this factory creates; equals the created adapter's {@code name()}. */
  String adapterName();

  /**
   * Creates and starts the adapter (opening stores and the like happens off the event loop).
   *
   * @return a failed future with {@link IllegalArgumentException} naming a bad config field
   */
  Future<DataAdapter> create(AdapterContext context, JsonObject config);
}
