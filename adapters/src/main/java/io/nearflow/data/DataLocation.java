package io.nearflow.data;

import io.nearflow.routing.Locality;
import io.vertx.core.json.JsonObject;

/**
 * One place where the bytes of a data unit can be fetched: which adapter holds them, under which
 * locator, and where that adapter runs. A unit has several locations once it has been copied to
 * other hosts (every remote pull leaves a registered replica).
 */
public record DataLocation(String adapter, String locator, Locality locality) {
  private static final String TYPE = "data location";

  public DataLocation {
    if (adapter == null || !DataUnit.ADAPTER_NAME.matcher(adapter).matches()) {
      throw new DataContractException(TYPE, "adapter", "must match " + DataUnit.ADAPTER_NAME + ", was '" + adapter + "'");
    }
    if (locator == null || locator.isBlank()) {
      throw new DataContractException(TYPE, "locator", "must not be blank");
    }
    if (locality == null) {
      throw new DataContractException(TYPE, "locality", "is missing");
    }
  }

  /** Where {@code unit} itself says it is. */
  public static DataLocation of(DataUnit unit) {
    return new DataLocation(unit.adapter(), unit.locator(), unit.locality());
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("adapter", adapter)
        .put("locator", locator)
        .put("locality", LocalityJson.toJson(locality));
  }

  public static DataLocation fromJson(JsonObject json) {
    if (json == null) {
      throw new DataContractException(TYPE, "(root)", "is missing");
    }
    return new DataLocation(
        JsonFields.requireString(json, TYPE, "adapter"),
        JsonFields.requireString(json, TYPE, "locator"),
        LocalityJson.fromJson(JsonFields.requireObject(json, TYPE, "locality"), TYPE, "locality"));
  }
}
