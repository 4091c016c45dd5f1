package io.nearflow.data;

import io.nearflow.routing.Locality;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An immutable reference to one piece of data. The bytes stay in the adapter's store; this is what
 * travels on the event bus and in the APIs.
 *
 * @param id unit id, see {@link DataUnitIds}
 * @param adapter name of the adapter whose store holds the bytes (e.g. {@code local-fs})
 * @param locator where the bytes are inside that adapter's store; its meaning is the adapter's
 *     business, and every adapter must treat it as untrusted input
 * @param sizeBytes exact length in bytes
 * @param checksum {@code <algorithm>:<hex>}, see {@link Checksums}
 * @param locality where the bytes are, as precisely as the adapter can tell
 * @param producerHopId the hop that produced the unit; empty (never null) for data that entered
 *     from outside. A plain string keeps the record and its JSON simple; use {@link #producerHop()}
 *     for an {@code Optional} view
 * @param createdAt when the unit was stored
 */
public record DataUnit(
    String id,
    String adapter,
    String locator,
    long sizeBytes,
    String checksum,
    Locality locality,
    String producerHopId,
    Instant createdAt) {

  /** Adapter names are short lowercase words so they can key configs and registries. */
  public static final Pattern ADAPTER_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private static final String TYPE = "data unit";
  private static final int MAX_LOCATOR_CHARS = 4096;

  public DataUnit {
    if (!DataUnitIds.isValid(id)) {
      throw new DataContractException(TYPE, "id", "must match " + DataUnitIds.VALID + ", was '" + id + "'");
    }
    if (adapter == null || !ADAPTER_NAME.matcher(adapter).matches()) {
      throw new DataContractException(TYPE, "adapter", "must match " + ADAPTER_NAME + ", was '" + adapter + "'");
    }
    if (locator == null || locator.isBlank() || locator.length() > MAX_LOCATOR_CHARS) {
      throw new DataContractException(TYPE, "locator", "must be 1.." + MAX_LOCATOR_CHARS + " non-blank characters");
    }
    if (sizeBytes < 0) {
      throw new DataContractException(TYPE, "sizeBytes", "must be >= 0, was " + sizeBytes);
    }
    if (!Checksums.isWellFormed(checksum)) {
      throw new DataContractException(
          TYPE, "checksum", "must look like sha256:<64 lowercase hex digits>, was '" + checksum + "'");
    }
    if (locality == null) {
      throw new DataContractException(TYPE, "locality", "is missing");
    }
    producerHopId = producerHopId == null ? "" : producerHopId;
    if (createdAt == null) {
      throw new DataContractException(TYPE, "createdAt", "is missing");
    }
  }

  public Optional<String> producerHop() {
    return producerHopId.isEmpty() ? Optional.empty() : Optional.of(producerHopId);
  }

  /** The same unit as held at another place: a replica has the same id, size and checksum. */
  public DataUnit withLocality(Locality other) {
    return new DataUnit(id, adapter, locator, sizeBytes, checksum,
        Objects.requireNonNull(other, "locality"), producerHopId, createdAt);
  }

  /** True when {@code other} describes the same bytes (id, size, checksum), wherever it is. */
  public boolean sameContentAs(DataUnit other) {
    return id.equals(other.id) && sizeBytes == other.sizeBytes && checksum.equals(other.checksum);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("adapter", adapter)
        .put("locator", locator)
        .put("sizeBytes", sizeBytes)
        .put("checksum", checksum)
        .put("locality", LocalityJson.toJson(locality))
        .put("createdAt", createdAt.toString());
    if (!producerHopId.isEmpty()) {
      json.put("producerHopId", producerHopId);
    }
    return json;
  }

  /**
   * Parses the form written by {@link #toJson()}. Unknown fields are ignored so that newer nodes
   * can add fields without breaking older ones during a rolling upgrade.
   *
   * @throws DataContractException naming the first field that is missing or malformed
   */
  public static DataUnit fromJson(JsonObject json) {
    if (json == null) {
      throw new DataContractException(TYPE, "(root)", "is missing");
    }
    return new DataUnit(
        JsonFields.requireString(json, TYPE, "id"),
        JsonFields.requireString(json, TYPE, "adapter"),
        JsonFields.requireString(json, TYPE, "locator"),
        JsonFields.requireLong(json, TYPE, "sizeBytes"),
        JsonFields.requireString(json, TYPE, "checksum"),
        LocalityJson.fromJson(JsonFields.requireObject(json, TYPE, "locality"), TYPE, "locality"),
        JsonFields.optionalString(json, TYPE, "producerHopId"),
        JsonFields.requireInstant(json, TYPE, "createdAt"));
  }
}
