package io.nearflow.datamaster;

import io.nearflow.data.DataLocation;
import io.nearflow.data.DataUnit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** What the data master keeps per unit: the unit as first registered and every known copy. */
record UnitEntry(DataUnit unit, List<Copy> copies) {

  /** One copy of the unit; {@code reachable} is false while its host is out of the cluster. */
  record Copy(DataLocation location, boolean reachable) {}

  UnitEntry {
    copies = List.copyOf(copies);
  }

  JsonObject toJson() {
    JsonArray cs = new JsonArray();
    copies.forEach(c -> cs.add(c.location().toJson().put("reachable", c.reachable())));
    return new JsonObject().put("unit", unit.toJson()).put("copies", cs);
  }

  static UnitEntry fromJson(JsonObject j) {
    List<Copy> copies = new ArrayList<>();
    j.getJsonArray("copies").forEach(o -> {
      JsonObject c = (JsonObject) o;
      copies.add(new Copy(DataLocation.fromJson(c), c.getBoolean("reachable", true)));
    });
    return new UnitEntry(DataUnit.fromJson(j.getJsonObject("unit")), copies);
  }
}
