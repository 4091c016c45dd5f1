package io.nearflow.adapters;

import io.nearflow.data.DataUnitIds;

/**
 * What a push needs besides the file: the id the new unit gets and who produced it.
 *
 * @param unitId the new unit's id; use {@link #forHopOutput} so a retried hop reuses its ids
 * @param producerHopId the producing hop, empty for data entering from outside
 */
public record PushRequest(String unitId, String producerHopId) {
  public PushRequest {
    if (!DataUnitIds.isValid(unitId)) {
      throw new IllegalArgumentException("unitId must match " + DataUnitIds.VALID + ", was '" + unitId + "'");
    }
    producerHopId = producerHopId == null ? "" : producerHopId;
  }

  /** Output {@code outputIndex} of hop {@code hopId}, with a deterministic id. */
  public static PushRequest forHopOutput(String hopId, int outputIndex) {
    return new PushRequest(DataUnitIds.forOutput(hopId, outputIndex), hopId);
  }

  /** Data submitted from outside the workflow (an upload), with a fresh id. */
  public static PushRequest external() {
    return new PushRequest(DataUnitIds.random(), "");
  }
}
