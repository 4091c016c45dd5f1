package io.nearflow.routing;

import java.util.List;

/**
 * Zone name to dense index, as a small open-addressing table (load factor at most 1/4).
 *
 * <p>Why not a {@code HashMap<String, Integer>}: a map costs a node hop and an Integer unboxing
 * per lookup. Here a lookup is the string's cached hash, one array slot and (usually) an
 * identity or short equality check.
 */
final class ZoneIndex {
  static final int ABSENT = -1;

  private final String[] keys;
  private final int[] values;
  private final int mask;

  ZoneIndex(List<String> zones) {
    int size = Integer.highestOneBit(Math.max(4, zones.size() * 4) - 1) << 1;
    keys = new String[size];
    values = new int[size];
    mask = size - 1;
    for (int i = 0; i < zones.size(); i++) {
      int slot = slotOf(zones.get(i));
      while (keys[slot] != null) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = zones.get(i);
      values[slot] = i;
    }
  }

  /** The zone's index, or {@link #ABSENT} for the reserved unknown value or a zone not listed. */
  int indexOf(String zone) {
    int slot = slotOf(zone);
    String key;
    while ((key = keys[slot]) != null) {
      if (key == zone || key.equals(zone)) {
        return values[slot];
      }
      slot = (slot + 1) & mask;
    }
    return ABSENT;
  }

  private int slotOf(String zone) {
    int h = zone.hashCode();
    // Zone names often differ only in a trailing digit; mix high bits down so they don't collide.
    return (h ^ (h >>> 16)) & mask;
  }
}
