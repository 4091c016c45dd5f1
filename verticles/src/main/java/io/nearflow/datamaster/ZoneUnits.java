package io.nearflow.datamaster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.nearflow.data.DataLocation;
import io.nearflow.data.DataUnit;
import io.nearflow.routing.Locality;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The data registry of the zones one scheduler schedules: the units their hosts registered, with
 * the copies they hold, kept in memory at the zone scheduler. Registering an output, or locating
 * a unit held in the zone, is one message inside the zone; the same entry logic as the cluster
 * registry applies ({@link RegisterCopy}: the first content registered under an id wins).
 *
 * <p>The cluster registry ({@code nearflow.units}) remains the index across zones: every change
 * is replayed there asynchronously, in order per unit, retried with backoff while its owners are
 * cut off, so other zones find the unit a feed later. Entries whose changes reached the index are
 * forgotten here after {@value #KEEP_MS} ms without change (the index answers for them then).
 * Used on one Vert.x context only.
 */
public final class ZoneUnits {
  private static final Logger LOG = Logger.getLogger(ZoneUnits.class.getName());
  static final long KEEP_MS = 10 * 60_000;

  private record Held(String entryJson, long changedAtMs) {}

  private final Vertx vertx;
  private final IMap<String, String> index;
  private final long timeoutMs;
  private final Supplier<Set<String>> liveHosts;
  private final Map<String, Held> units = new HashMap<>();
  /** Per unit, the last change on its way to the index: changes of one unit reach it in order. */
  private final Map<String, Future<Void>> feeding = new HashMap<>();

  /** @param liveHosts hosts with a live node: copies elsewhere are not offered to pulls */
  public ZoneUnits(Vertx vertx, HazelcastInstance hazelcast, long timeoutMs, Supplier<Set<String>> liveHosts) {
    this.vertx = vertx;
    this.index = hazelcast.getMap(DataMasterVerticle.UNITS);
    this.timeoutMs = timeoutMs;
    this.liveHosts = liveHosts;
    vertx.setPeriodic(60_000, t -> evict());
  }

  /** Registers a copy: "" on success, else the conflict's description. */
  public String register(DataUnit unit) {
    String[] result = {""};
    RegisterCopy register = new RegisterCopy(unit); // stateless: applied here, then sent to the index
    apply(unit.id(), e -> result[0] = register.process(e));
    if (result[0].isEmpty()) {
      feed(unit.id(), () -> index.submitToKey(unit.id(), register).thenApply(conflict -> {
        if (!conflict.isEmpty()) {
          LOG.warning("unit " + unit.id() + " registered in this zone conflicts with the cluster index: " + conflict);
        }
        return null;
      }));
    }
    return result[0];
  }

  public void remove(String unitId, DataLocation location) {
    apply(unitId, e -> new RemoveCopy(location).process(e));
    feed(unitId, () -> index.submitToKey(unitId, new RemoveCopy(location)).thenApply(x -> null));
  }

  /**
   * Writes every held unit's copies to the cluster index again: after a split merged back, the
   * index kept one side's entries (merge policy), and this zone's registrations made while apart
   * may be missing there. Registering a known copy again changes nothing.
   */
  public void refeedAll() {
    for (Map.Entry<String, Held> e : new ArrayList<>(units.entrySet())) {
      UnitEntry entry = UnitEntry.fromJson(new JsonObject(e.getValue().entryJson()));
      for (UnitEntry.Copy c : entry.copies()) {
        DataUnit copy = entry.unit().withLocality(c.location().locality());
        feed(e.getKey(), () -> index.submitToKey(copy.id(), new RegisterCopy(copy)).thenApply(x -> null));
      }
    }
  }

  /** Forgets a unit the data master retired (its copies are being deleted). */
  public void forget(String unitId) {
    units.remove(unitId);
  }

  /** The unit's live copies held in this zone, the caller's host first; empty when not held here. */
  public List<DataLocation> locate(String unitId, Locality from) {
    Held held = units.get(unitId);
    if (held == null) {
      return List.of();
    }
    Set<String> live = liveHosts.get();
    List<DataLocation> out = new ArrayList<>();
    for (UnitEntry.Copy c : UnitEntry.fromJson(new JsonObject(held.entryJson())).copies()) {
      if (c.reachable() && live.contains(c.location().locality().host())) {
        out.add(c.location());
      }
    }
    out.sort(Comparator.comparingInt((DataLocation l) -> l.locality().host().equals(from.host()) ? 0 : 1)
        .thenComparing(l -> l.locality().host()));
    return out;
  }

  /** The unit as first registered here, or null. */
  public DataUnit unit(String unitId) {
    Held held = units.get(unitId);
    return held == null ? null : UnitEntry.fromJson(new JsonObject(held.entryJson())).unit();
  }

  public int size() {
    return units.size();
  }

  private void apply(String unitId, java.util.function.Consumer<Map.Entry<String, String>> change) {
    Held held = units.get(unitId);
    String[] after = {held == null ? null : held.entryJson()};
    Map.Entry<String, String> entry = new AbstractMap.SimpleEntry<>(unitId, after[0]) {
      @Override
      public String setValue(String value) {
        after[0] = value;
        return super.setValue(value);
      }
    };
    change.accept(entry);
    if (after[0] == null) {
      units.remove(unitId);
    } else {
      units.put(unitId, new Held(after[0], System.currentTimeMillis()));
    }
  }

  private void feed(String unitId, Supplier<java.util.concurrent.CompletionStage<Void>> call) {
    Future<Void> before = feeding.getOrDefault(unitId, Future.succeededFuture());
    Future<Void> next = before.transform(x -> attempt(unitId, call, 1));
    feeding.put(unitId, next);
    next.onComplete(x -> feeding.remove(unitId, next));
  }

  private Future<Void> attempt(String unitId, Supplier<java.util.concurrent.CompletionStage<Void>> call, int n) {
    return Future.fromCompletionStage(call.get(), vertx.getOrCreateContext()).timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .recover(err -> {
          if (n == 1 || n % 20 == 0) {
            LOG.warning("unit " + unitId + " not yet in the cluster index (attempt " + n + "): " + err.getMessage());
          }
          io.vertx.core.Promise<Void> later = io.vertx.core.Promise.promise();
          vertx.setTimer(Math.min(2_000, 50L << Math.min(n, 6)), t -> attempt(unitId, call, n + 1).onComplete(later));
          return later.future();
        });
  }

  private void evict() {
    long now = System.currentTimeMillis();
    units.entrySet().removeIf(e -> now - e.getValue().changedAtMs() > KEEP_MS && !feeding.containsKey(e.getKey()));
  }

  /** Serves {@code nearflow.scheduler.<node>.units.v1}: register, remove, forget, locate, unit, entry. */
  public JsonObject handle(JsonObject body) {
    switch (body.getString("action", "")) {
      case "register" -> {
        String conflict = register(DataUnit.fromJson(body.getJsonObject("unit")));
        return new JsonObject().put("conflict", conflict);
      }
      case "remove" -> {
        remove(body.getString("unitId"), DataLocation.fromJson(body.getJsonObject("location")));
        return new JsonObject();
      }
      case "forget" -> {
        body.getJsonArray("unitIds", new JsonArray()).forEach(id -> forget(String.valueOf(id)));
        return new JsonObject();
      }
      case "locate" -> {
        JsonArray arr = new JsonArray();
        locate(body.getString("unitId"), io.nearflow.data.LocalityJson.fromJson(body.getJsonObject("from"), "locate", "from"))
            .forEach(l -> arr.add(l.toJson()));
        return new JsonObject().put("locations", arr);
      }
      case "entry" -> {
        Held held = units.get(body.getString("unitId"));
        return held == null ? new JsonObject() : new JsonObject().put("entry", new JsonObject(held.entryJson()));
      }
      case "unit" -> {
        DataUnit u = unit(body.getString("unitId"));
        return u == null ? new JsonObject() : new JsonObject().put("unit", u.toJson());
      }
      default -> throw new IllegalArgumentException("unknown zone units action '" + body.getString("action") + "'");
    }
  }
}
