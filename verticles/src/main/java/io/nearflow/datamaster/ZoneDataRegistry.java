package io.nearflow.datamaster;

import io.nearflow.data.DataLocation;
import io.nearflow.data.DataRegistry;
import io.nearflow.data.DataUnit;
import io.nearflow.data.DataUnitConflictException;
import io.nearflow.data.LocalityJson;
import io.nearflow.protocol.Addresses;
import io.nearflow.routing.Locality;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The data registry as a host's adapters and agent use it: their zone scheduler's
 * {@link ZoneUnits} first — registering an output or locating a unit held in the zone stays in
 * the zone — and the cluster registry ({@link ClusterDataRegistry}) for units held elsewhere, or
 * when no zone scheduler answers (none is up yet, or it is failing over).
 */
public final class ZoneDataRegistry implements DataRegistry {
  private final Vertx vertx;
  private final Locality here;
  private final Supplier<String> scheduler;
  private final ClusterDataRegistry cluster;
  private final DeliveryOptions delivery;

  /** @param scheduler the node id of this zone's scheduler now, or null when none is alive */
  public ZoneDataRegistry(Vertx vertx, Locality here, Supplier<String> scheduler, ClusterDataRegistry cluster,
                          long timeoutMs) {
    this.vertx = vertx;
    this.here = here;
    this.scheduler = scheduler;
    this.cluster = cluster;
    this.delivery = new DeliveryOptions().setSendTimeout(timeoutMs);
  }

  /** Asks the zone scheduler; null when there is none or it cannot be reached (the caller falls back). */
  private Future<JsonObject> ask(JsonObject body) {
    String to = scheduler.get();
    if (to == null) {
      return Future.succeededFuture(null);
    }
    // Any failure of the zone scheduler (gone, failing over, not answering) falls back to the
    // cluster registry: a registration must not fail (and undo a stored output) for that.
    return vertx.eventBus().<JsonObject>request(Addresses.schedulerUnits(to), body, delivery).map(m -> m.body())
        .recover(err -> Future.succeededFuture(null));
  }

  @Override
  public Future<Void> register(DataUnit unit) {
    return ask(new JsonObject().put("action", "register").put("unit", unit.toJson())).compose(reply -> {
      if (reply == null) {
        return cluster.register(unit);
      }
      String conflict = reply.getString("conflict", "");
      return conflict.isEmpty() ? Future.succeededFuture()
          : Future.failedFuture(new DataUnitConflictException(unit.id(), conflict));
    });
  }

  @Override
  public Future<List<DataLocation>> locate(String unitId) {
    return ask(new JsonObject().put("action", "locate").put("unitId", unitId).put("from", LocalityJson.toJson(here)))
        .compose(reply -> {
          List<DataLocation> inZone = new ArrayList<>();
          if (reply != null) {
            reply.getJsonArray("locations").forEach(o -> inZone.add(DataLocation.fromJson((JsonObject) o)));
          }
          return inZone.isEmpty() ? cluster.locate(unitId) : Future.succeededFuture(inZone);
        });
  }

  @Override
  public Future<Void> remove(String unitId, DataLocation location) {
    return ask(new JsonObject().put("action", "remove").put("unitId", unitId).put("location", location.toJson()))
        .compose(reply -> reply == null ? cluster.remove(unitId, location) : Future.succeededFuture());
  }

  /** The unit as first registered: from the zone when held there, else from the cluster registry. */
  public Future<DataUnit> unit(String unitId) {
    return ask(new JsonObject().put("action", "unit").put("unitId", unitId)).compose(reply ->
        reply != null && reply.containsKey("unit") ? Future.succeededFuture(DataUnit.fromJson(reply.getJsonObject("unit")))
            : cluster.unit(unitId));
  }

  /** Tells the zone scheduler that the data master retired these units (their copies are going). */
  public void forget(List<String> unitIds) {
    String to = scheduler.get();
    if (to != null && !unitIds.isEmpty()) {
      vertx.eventBus().send(Addresses.schedulerUnits(to), new JsonObject().put("action", "forget")
          .put("unitIds", new io.vertx.core.json.JsonArray(unitIds)));
    }
  }
}
