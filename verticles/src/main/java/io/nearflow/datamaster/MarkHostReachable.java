package io.nearflow.datamaster;

import com.hazelcast.map.EntryProcessor;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;

/**
 * Marks every copy on the given hosts reachable or not; run over all units when hosts leave.
 * Units are never dropped here: a bus that comes back an hour later still holds its data.
 */
final class MarkHostReachable implements EntryProcessor<String, String, Integer> {
  private static final long serialVersionUID = 1L;
  private final Set<String> hosts;
  private final boolean reachable;

  MarkHostReachable(Set<String> hosts, boolean reachable) {
    this.hosts = Set.copyOf(hosts);
    this.reachable = reachable;
  }

  @Override
  public Integer process(Map.Entry<String, String> entry) {
    if (entry.getValue() == null) {
      return 0;
    }
    UnitEntry known = UnitEntry.fromJson(new JsonObject(entry.getValue()));
    int changed = 0;
    var copies = new java.util.ArrayList<UnitEntry.Copy>();
    for (UnitEntry.Copy c : known.copies()) {
      if (hosts.contains(c.location().locality().host()) && c.reachable() != reachable) {
        copies.add(new UnitEntry.Copy(c.location(), reachable));
        changed++;
      } else {
        copies.add(c);
      }
    }
    if (changed > 0) {
      entry.setValue(new UnitEntry(known.unit(), copies).toJson().encode());
    }
    return changed;
  }
}
