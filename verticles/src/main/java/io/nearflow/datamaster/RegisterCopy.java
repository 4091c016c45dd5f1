package io.nearflow.datamaster;

import com.hazelcast.map.EntryProcessor;
import io.nearflow.data.DataLocation;
import io.nearflow.data.DataUnit;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Registers a unit, or one more copy of it, atomically on the unit's owner. Registration is
 * idempotent (the same copy twice changes nothing but makes it reachable again); different
 * content under a known id is refused and the first registration wins. Returns "" on success or
 * the conflict's description.
 */
final class RegisterCopy implements EntryProcessor<String, String, String> {
  private static final long serialVersionUID = 1L;
  private final String unitJson;
  /** The unit where this processor was made; a copy on another member (serialized) parses {@code unitJson}. */
  private final transient DataUnit unit;

  RegisterCopy(DataUnit unit) {
    this.unitJson = unit.toJson().encode();
    this.unit = unit;
  }

  @Override
  public String process(Map.Entry<String, String> entry) {
    DataUnit unit = this.unit != null ? this.unit : DataUnit.fromJson(new JsonObject(unitJson));
    DataLocation here = DataLocation.of(unit);
    if (entry.getValue() == null) {
      entry.setValue(new UnitEntry(unit, List.of(new UnitEntry.Copy(here, true))).toJson().encode());
      return "";
    }
    UnitEntry known = UnitEntry.fromJson(new JsonObject(entry.getValue()));
    if (!known.unit().sameContentAs(unit)) {
      return "size/checksum " + known.unit().sizeBytes() + "/" + known.unit().checksum() + " already registered, got "
          + unit.sizeBytes() + "/" + unit.checksum();
    }
    List<UnitEntry.Copy> copies = new ArrayList<>();
    boolean found = false;
    for (UnitEntry.Copy c : known.copies()) {
      if (c.location().equals(here)) {
        copies.add(new UnitEntry.Copy(here, true));
        found = true;
      } else {
        copies.add(c);
      }
    }
    if (!found) {
      copies.add(new UnitEntry.Copy(here, true));
    }
    entry.setValue(new UnitEntry(known.unit(), copies).toJson().encode());
    return "";
  }
}
