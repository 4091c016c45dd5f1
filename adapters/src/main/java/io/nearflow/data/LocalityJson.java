package io.nearflow.data;

import io.nearflow.routing.Locality;
import io.vertx.core.json.JsonObject;

/**
 * The one JSON form of a {@link Locality}: {@code {"host": "...", "zone": "..."}}, with the
 * reserved unknown value {@code "?"} written out rather than omitted so readers in other languages
 * need no defaulting rule. Lives here because the routing module stays free of Vert.x.
 */
public final class LocalityJson {
  private LocalityJson() {}

  public static JsonObject toJson(Locality locality) {
    return new JsonObject().put("host", locality.host()).put("zone", locality.zone());
  }

  /**
   * Reads a locality object; a missing host or zone means unknown, as the article's reserved values
   * allow. {@code type} and {@code field} only label errors (e.g. "data unit", "locality").
   */
  public static Locality fromJson(JsonObject json, String type, String field) {
    return Locality.of(part(json, "host", type, field), part(json, "zone", type, field));
  }

  private static String part(JsonObject json, String key, String type, String field) {
    Object value = json.getValue(key);
    if (value != null && !(value instanceof CharSequence)) {
      throw new DataContractException(type, field + "." + key, "must be a string, was " + value);
    }
    return value == null ? null : value.toString();
  }
}
