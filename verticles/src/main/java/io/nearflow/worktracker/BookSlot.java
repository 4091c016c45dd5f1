package io.nearflow.worktracker;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/**
 * Books one slot of an instance for one hop if it has a free slot. Runs on the partition owner
 * of the instance's key, one entry at a time: this is what makes booking atomic across
 * orchestrators. Booking a hop that is already booked there succeeds without taking a second
 * slot. Returns the new load, or null when the instance is full or no longer registered.
 */
final class BookSlot implements EntryProcessor<String, LoadRecord, LoadRecord> {
  private static final long serialVersionUID = 2L;
  private final String hopId;

  BookSlot(String hopId) {
    this.hopId = hopId;
  }

  @Override
  public LoadRecord process(Map.Entry<String, LoadRecord> entry) {
    LoadRecord load = entry.getValue();
    if (load == null) {
      return null;
    }
    if (load.booked().contains(hopId)) {
      return load;
    }
    if (!load.hasCapacity()) {
      return null;
    }
    LoadRecord next = load.with(hopId);
    entry.setValue(next);
    return next;
  }
}
