package io.nearflow.datamaster;

import com.hazelcast.map.EntryProcessor;
import io.nearflow.data.DataLocation;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** Forgets one copy of a unit; the unit goes when its last copy goes. */
final class RemoveCopy implements EntryProcessor<String, String, Boolean> {
  private static final long serialVersionUID = 1L;
  private final String locationJson;

  RemoveCopy(DataLocation location) {
    this.locationJson = location.toJson().encode();
  }

  @Override
  public Boolean process(Map.Entry<String, String> entry) {
    if (entry.getValue() == null) {
      return false;
    }
    DataLocation gone = DataLocation.fromJson(new JsonObject(locationJson));
    UnitEntry known = UnitEntry.fromJson(new JsonObject(entry.getValue()));
    var rest = known.copies().stream().filter(c -> !c.location().equals(gone)).toList();
    if (rest.isEmpty()) {
      entry.setValue(null);
    } else {
      entry.setValue(new UnitEntry(known.unit(), rest).toJson().encode());
    }
    return rest.size() != known.copies().size();
  }
}
