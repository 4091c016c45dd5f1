package io.nearflow.worktracker;

import com.hazelcast.map.EntryProcessor;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Puts a record from a scheduler's journal back into the cluster map after a restart, unless the
 * map holds a more advanced record of the same hop or run (several journals can hold one key: a
 * hop handed from one zone to another, a finishing hop fed by its owner and by its run's home).
 * More advanced: for a hop, a later attempt, then a later state (finished over running); for a
 * run, ended over running, then more finished hops.
 */
final class RestoreRecord implements EntryProcessor<String, String, Boolean> {
  private static final long serialVersionUID = 1L;
  private final boolean hop;
  private final String value;

  RestoreRecord(boolean hop, String value) {
    this.hop = hop;
    this.value = value;
  }

  @Override
  public Boolean process(Map.Entry<String, String> entry) {
    if (entry.getValue() != null && !advances(entry.getValue())) {
      return false;
    }
    entry.setValue(value);
    return true;
  }

  private boolean advances(String current) {
    if (hop) {
      HopRecord now = HopRecord.fromJson(new JsonObject(current));
      HopRecord mine = HopRecord.fromJson(new JsonObject(value));
      if (mine.attempt() != now.attempt()) {
        return mine.attempt() > now.attempt();
      }
      return (mine.state().terminal() ? 1 : 0) > (now.state().terminal() ? 1 : 0);
    }
    RunRecord now = RunRecord.fromJson(new JsonObject(current));
    RunRecord mine = RunRecord.fromJson(new JsonObject(value));
    if (mine.state().terminal() != now.state().terminal()) {
      return mine.state().terminal();
    }
    return mine.finishedHopIds().size() > now.finishedHopIds().size();
  }
}
