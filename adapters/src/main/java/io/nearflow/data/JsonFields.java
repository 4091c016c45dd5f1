package io.nearflow.data;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Typed reads from a {@link JsonObject} that fail with a {@link DataContractException} naming the
 * field, instead of the bare {@link ClassCastException} or {@code null} that {@code JsonObject}
 * gives. Package-private: the contract types are the only JSON readers here.
 */
final class JsonFields {
  private JsonFields() {}

  static String requireString(JsonObject json, String type, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      throw new DataContractException(type, field, "is missing");
    }
    if (!(value instanceof CharSequence)) {
      throw new DataContractException(type, field, "must be a string, was " + describe(value));
    }
    return value.toString();
  }

  static String optionalString(JsonObject json, String type, String field) {
    return json.getValue(field) == null ? null : requireString(json, type, field);
  }

  static long requireLong(JsonObject json, String type, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      throw new DataContractException(type, field, "is missing");
    }
    // Integral numbers only: 3.5 bytes is a caller bug, not something to round.
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return ((Number) value).longValue();
    }
    throw new DataContractException(type, field, "must be an integer, was " + describe(value));
  }

  static JsonObject requireObject(JsonObject json, String type, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      throw new DataContractException(type, field, "is missing");
    }
    if (!(value instanceof JsonObject object)) {
      throw new DataContractException(type, field, "must be an object, was " + describe(value));
    }
    return object;
  }

  static Instant requireInstant(JsonObject json, String type, String field) {
    String text = requireString(json, type, field);
    try {
      return IsoInstants.parse(text);
    } catch (DateTimeParseException e) {
      throw new DataContractException(
          type, field, "must be an ISO-8601 instant such as 2025-01-31T12:00:00Z, was '" + text + "'");
    }
  }

  private static String describe(Object value) {
    return value.getClass().getSimpleName() + " " + value;
  }
}
