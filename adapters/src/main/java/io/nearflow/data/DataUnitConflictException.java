package io.nearflow.data;

/**
 * A unit id registered again with different content (size or checksum). Happens when a retried
 * hop is not deterministic (e.g. {@code shuffle}) and its deterministic output id was already
 * registered by an earlier attempt: the first registration wins, so downstream runs never see two
 * versions of one unit.
 */
public final class DataUnitConflictException extends IllegalStateException {
  private final String unitId;

  public DataUnitConflictException(String unitId, String detail) {
    super("data unit " + unitId + " is already registered with different content: " + detail);
    this.unitId = unitId;
  }

  public String unitId() {
    return unitId;
  }
}
