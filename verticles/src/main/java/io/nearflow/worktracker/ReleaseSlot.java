package io.nearflow.worktracker;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/** Releases the slot of one hop (idempotent). Returns the new load, null if the instance is gone. */
final class ReleaseSlot implements EntryProcessor<String, LoadRecord, LoadRecord> {
  private static final long serialVersionUID = 2L;
  private final String hopId;

  ReleaseSlot(String hopId) {
    this.hopId = hopId;
  }

  @Override
  public LoadRecord process(Map.Entry<String, LoadRecord> entry) {
    LoadRecord load = entry.getValue();
    if (load == null || !load.booked().contains(hopId)) {
      return load;
    }
    LoadRecord next = load.without(hopId);
    entry.setValue(next);
    return next;
  }
}
