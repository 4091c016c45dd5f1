package io.nearflow.datamaster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.nearflow.data.DataLocation;
import io.nearflow.data.DataRegistry;
import io.nearflow.data.DataUnit;
import io.nearflow.data.DataUnitConflictException;
import io.nearflow.data.LocalityJson;
import io.nearflow.protocol.Addresses;
import io.nearflow.protocol.IdempotentRequests;
import io.nearflow.routing.Locality;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The data master as adapters and agents see it, bound to the asking host's locality. Writes and
 * plain reads go straight to the registry's replicated map from this node (atomic entry
 * processors on the unit's owner, as the orchestrators write the work tracker's records): one
 * cluster round trip per registration instead of an event-bus hop to a data master and its map
 * call. Look-ups that rank copies by distance ({@link #locate}) ask a data master over the event
 * bus, which keeps the distance tables. Every call has a timeout.
 */
public final class ClusterDataRegistry implements DataRegistry {
  private static final int ATTEMPTS = 3;
  private final Vertx vertx;
  private final IMap<String, String> units;
  private final Locality here;
  private final long timeoutMs;

  public ClusterDataRegistry(Vertx vertx, HazelcastInstance hazelcast, Locality here, long timeoutMs) {
    this.vertx = vertx;
    this.units = hazelcast.getMap(DataMasterVerticle.UNITS);
    this.here = here;
    this.timeoutMs = timeoutMs;
  }

  /** A map call as a future on the caller's context, failed after the data-master timeout. */
  private <T> Future<T> direct(CompletionStage<T> stage) {
    return Future.fromCompletionStage(stage, vertx.getOrCreateContext()).timeout(timeoutMs, TimeUnit.MILLISECONDS);
  }

  /** Every data master request is idempotent, so it is sent again after a timeout. */
  private Future<JsonObject> call(JsonObject body) {
    return IdempotentRequests.<JsonObject>request(vertx, Addresses.DATA_MASTER, body, timeoutMs, ATTEMPTS)
        .map(m -> m.body());
  }

  @Override
  public Future<Void> register(DataUnit unit) {
    return direct(units.submitToKey(unit.id(), new RegisterCopy(unit))).compose(conflict -> conflict.isEmpty()
        ? Future.succeededFuture()
        : Future.failedFuture(new DataUnitConflictException(unit.id(), conflict)));
  }

  @Override
  public Future<List<DataLocation>> locate(String unitId) {
    return call(new JsonObject().put("action", "locate").put("unitId", unitId).put("from", LocalityJson.toJson(here)))
        .map(reply -> {
          List<DataLocation> out = new ArrayList<>();
          reply.getJsonArray("locations").forEach(o -> out.add(DataLocation.fromJson((JsonObject) o)));
          return out;
        })
        .recover(err -> err instanceof ReplyException re && re.failureCode() == 404
            ? Future.succeededFuture(List.of()) : Future.failedFuture(err));
  }

  /** The data master's entry for a unit: {@code {unit, copies: [location + reachable]}}; null if unknown. */
  public Future<JsonObject> entry(String unitId) {
    return direct(units.getAsync(unitId)).map(json -> json == null ? null : new JsonObject(json));
  }

  /** The unit as first registered (its id, size, checksum, producer and first location); null if unknown. */
  public Future<DataUnit> unit(String unitId) {
    return entry(unitId).map(e -> e == null ? null : DataUnit.fromJson(e.getJsonObject("unit")));
  }

  @Override
  public Future<Void> remove(String unitId, DataLocation location) {
    return direct(units.submitToKey(unitId, new RemoveCopy(location))).mapEmpty();
  }
}
