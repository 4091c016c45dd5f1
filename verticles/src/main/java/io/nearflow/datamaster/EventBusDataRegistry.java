package io.nearflow.datamaster;

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

/**
 * The data master as adapters and agents see it: a {@link DataRegistry} over the event bus,
 * bound to the asking host's locality so locations come back nearest to it first. Every call
 * has a timeout.
 */
public final class EventBusDataRegistry implements DataRegistry {
  private static final int ATTEMPTS = 3;
  private final Vertx vertx;
  private final Locality here;
  private final long timeoutMs;

  public EventBusDataRegistry(Vertx vertx, Locality here, long timeoutMs) {
    this.vertx = vertx;
    this.here = here;
    this.timeoutMs = timeoutMs;
  }

  /** Every data master call is idempotent (registering the same copy twice changes nothing). */
  private Future<JsonObject> call(JsonObject body) {
    return IdempotentRequests.<JsonObject>request(vertx, Addresses.DATA_MASTER, body, timeoutMs, ATTEMPTS)
        .map(m -> m.body());
  }

  @Override
  public Future<Void> register(DataUnit unit) {
    return call(new JsonObject().put("action", "register").put("unit", unit.toJson())).<Void>mapEmpty()
        .recover(err -> err instanceof ReplyException re && re.failureCode() == 409
            ? Future.failedFuture(new DataUnitConflictException(unit.id(), re.getMessage()))
            : Future.failedFuture(err));
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

  /** The data master's entry for a unit: {@code {unit, copies: [location + reachable]}}. */
  public Future<JsonObject> entry(String unitId) {
    return call(new JsonObject().put("action", "get").put("unitId", unitId));
  }

  /** The unit as first registered (its id, size, checksum, producer and first location). */
  public Future<DataUnit> unit(String unitId) {
    return entry(unitId).map(e -> DataUnit.fromJson(e.getJsonObject("unit")));
  }

  @Override
  public Future<Void> remove(String unitId, DataLocation location) {
    return call(new JsonObject().put("action", "remove").put("unitId", unitId).put("location", location.toJson()))
        .mapEmpty();
  }
}
