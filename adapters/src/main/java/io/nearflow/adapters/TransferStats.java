package io.nearflow.adapters;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of data movement: network bytes per (from zone, to zone), pulls per {@link PullMethod},
 * bytes copied locally and failed transfers. Benchmarks and the demo read them to report how much
 * traffic crossed zones. One instance may be shared by several adapters (e.g. all hosts of the
 * embedded cluster). LongAdder because many event loops and workers add concurrently and reads are
 * rare.
 */
public final class TransferStats {
  /** A directed pair of zones; bytes flow from {@code fromZone} to {@code toZone}. */
  public record ZonePair(String fromZone, String toZone) {
    public boolean crossesZones() {
      return !fromZone.equals(toZone);
    }
  }

  /** A consistent-enough copy of the counters at one moment. */
  public record Snapshot(
      Map<ZonePair, Long> networkBytes, Map<PullMethod, Long> pulls, long copiedBytes, long failedTransfers) {

    public long bytesBetween(String fromZone, String toZone) {
      return networkBytes.getOrDefault(new ZonePair(fromZone, toZone), 0L);
    }

    public long crossZoneBytes() {
      return networkBytes.entrySet().stream()
          .filter(e -> e.getKey().crossesZones()).mapToLong(Map.Entry::getValue).sum();
    }

    public long pulls(PullMethod method) {
      return pulls.getOrDefault(method, 0L);
    }

    public JsonObject toJson() {
      JsonArray pairs = new JsonArray();
      networkBytes.forEach((pair, bytes) -> pairs.add(new JsonObject()
          .put("fromZone", pair.fromZone()).put("toZone", pair.toZone()).put("bytes", bytes)));
      JsonObject byMethod = new JsonObject();
      pulls.forEach((method, count) -> byMethod.put(method.name(), count));
      return new JsonObject()
          .put("networkBytes", pairs)
          .put("crossZoneBytes", crossZoneBytes())
          .put("pulls", byMethod)
          .put("copiedBytes", copiedBytes)
          .put("failedTransfers", failedTransfers);
    }
  }

  private final Map<ZonePair, LongAdder> networkBytes = new ConcurrentHashMap<>();
  private final Map<PullMethod, LongAdder> pulls = new EnumMap<>(PullMethod.class);
  private final LongAdder copiedBytes = new LongAdder();
  private final LongAdder failedTransfers = new LongAdder();

  public TransferStats() {
    // Filled once here and never modified, so the EnumMap is safe to read from any thread.
    for (PullMethod method : PullMethod.values()) {
      pulls.put(method, new LongAdder());
    }
  }

  public void recordNetworkBytes(String fromZone, String toZone, long bytes) {
    networkBytes.computeIfAbsent(new ZonePair(fromZone, toZone), p -> new LongAdder()).add(bytes);
  }

  public void recordPull(PullMethod method) {
    pulls.get(method).increment();
  }

  public void recordCopiedBytes(long bytes) {
    copiedBytes.add(bytes);
  }

  public void recordFailedTransfer() {
    failedTransfers.increment();
  }

  public Snapshot snapshot() {
    Map<ZonePair, Long> bytes = new TreeMap<>(
        java.util.Comparator.comparing(ZonePair::fromZone).thenComparing(ZonePair::toZone));
    networkBytes.forEach((pair, adder) -> bytes.put(pair, adder.sum()));
    Map<PullMethod, Long> counts = new EnumMap<>(PullMethod.class);
    pulls.forEach((method, adder) -> counts.put(method, adder.sum()));
    return new Snapshot(Map.copyOf(bytes), Map.copyOf(counts), copiedBytes.sum(), failedTransfers.sum());
  }
}
