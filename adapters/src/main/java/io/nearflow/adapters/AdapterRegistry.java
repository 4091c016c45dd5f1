package io.nearflow.adapters;

import io.nearflow.data.DataUnit;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The adapters of one host, by name. The agent picks the adapter for a unit with
 * {@link #forUnit}; nothing outside this class needs to know which kinds of storage exist.
 */
public final class AdapterRegistry {
  private final Map<String, DataAdapter> byName = new ConcurrentHashMap<>();

  /**
   * Creates and starts the adapters named in {@code configByAdapter} (adapter name → its config)
   * with the factories found on the class path.
   *
   * @return a failed future with {@link IllegalArgumentException} when a name has no factory
   *     (the message lists the names that do) or a config is bad
   */
  public static Future<AdapterRegistry> load(AdapterContext context, Map<String, JsonObject> configByAdapter) {
    Map<String, DataAdapterFactory> factories = new HashMap<>();
    ServiceLoader.load(DataAdapterFactory.class).forEach(f -> factories.put(f.adapterName(), f));
    List<Future<DataAdapter>> starting = new ArrayList<>();
    for (Map.Entry<String, JsonObject> entry : configByAdapter.entrySet()) {
      DataAdapterFactory factory = factories.get(entry.getKey());
      if (factory == null) {
        starting.add(Future.failedFuture(new IllegalArgumentException("no data adapter named '" + entry.getKey()
            + "' on the class path; known: " + new TreeSet<>(factories.keySet()))));
      } else {
        starting.add(factory.create(context, entry.getValue() == null ? new JsonObject() : entry.getValue()));
      }
    }
    AdapterRegistry registry = new AdapterRegistry();
    return Future.join(starting).transform(all -> {
      starting.stream().filter(Future::succeeded).forEach(f -> registry.add(f.result()));
      // All or nothing: a node with half its adapters would accept hops it cannot serve.
      return all.succeeded()
          ? Future.succeededFuture(registry)
          : registry.closeAll().transform(closed -> Future.failedFuture(all.cause()));
    });
  }

  /** @throws IllegalStateException if an adapter with the same name is already present */
  public AdapterRegistry add(DataAdapter adapter) {
    DataAdapter previous = byName.putIfAbsent(adapter.name(), adapter);
    if (previous != null && previous != adapter) {
      throw new IllegalStateException("data adapter '" + adapter.name() + "' is already registered");
    }
    return this;
  }

  public Optional<DataAdapter> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** @throws IllegalArgumentException naming the missing adapter and the ones present */
  public DataAdapter adapter(String name) {
    return find(name).orElseThrow(() -> new IllegalArgumentException(
        "no data adapter '" + name + "' on this host; present: " + names()));
  }

  /** The adapter whose store holds {@code unit}. */
  public DataAdapter forUnit(DataUnit unit) {
    return adapter(unit.adapter());
  }

  public Set<String> names() {
    return new TreeSet<>(byName.keySet());
  }

  public Future<Void> closeAll() {
    List<Future<Void>> closing = byName.values().stream().map(DataAdapter::close).toList();
    return Future.join(closing).mapEmpty();
  }
}
