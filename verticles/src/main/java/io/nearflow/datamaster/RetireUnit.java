package io.nearflow.datamaster;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/**
 * Drops a unit and every location of it from the registry at once (retention: nobody will read
 * it again) and returns the entry as it was, so the caller can tell each holding host to delete
 * its copy. Null when the unit is not registered (retired already).
 */
final class RetireUnit implements EntryProcessor<String, String, String> {
  private static final long serialVersionUID = 1L;

  @Override
  public String process(Map.Entry<String, String> entry) {
    String was = entry.getValue();
    if (was != null) {
      entry.setValue(null);
    }
    return was;
  }
}
