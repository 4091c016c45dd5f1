package io.nearflow.bench.testbed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * EMULATION of the wide-area links between zones, in user space (no netem on this machine). Each
 * ordered pair of zones (from, to) is one link direction with a one-way delay (RTT / 2) and a
 * bandwidth shared by every connection that crosses it: a chunk leaves the link when the
 * direction's "wire" is free plus its serialisation time (bytes / bandwidth), and arrives one-way
 * delay later. Inside a zone the intra-zone link applies (per zone). TCP windows, loss and
 * slow start are not modelled.
 */
public final class EmulatedLinks {

  /** One link's parameters as stated in reports. */
  public record LinkSpec(double rttMs, double bandwidthMbps) {
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rttMs", rttMs);
      m.put("bandwidthMbps", bandwidthMbps);
      return m;
    }
  }

  /** One direction of one link: a shared "wire" clock and byte counter. */
  public static final class Direction {
    final String from;
    final String to;
    final long oneWayDelayNanos;
    final double nanosPerByte;
    private long wireFreeAt;
    final AtomicLong bytes = new AtomicLong();

    Direction(String from, String to, LinkSpec spec) {
      this.from = from;
      this.to = to;
      this.oneWayDelayNanos = (long) (spec.rttMs() * 1_000_000L / 2);
      this.nanosPerByte = 8_000.0 / spec.bandwidthMbps(); // 1 Mbit/s = 1e6 bit/s -> 8000 ns per byte
    }

    /** Books {@code len} bytes on the wire; returns when the last byte arrives at the far end (System.nanoTime). */
    synchronized long reserve(int len) {
      long now = System.nanoTime();
      long start = Math.max(now, wireFreeAt);
      wireFreeAt = start + (long) (len * nanosPerByte);
      bytes.addAndGet(len);
      return wireFreeAt + oneWayDelayNanos;
    }

    public boolean crossesZones() {
      return !from.equals(to);
    }
  }

  private final LinkSpec intraZone;
  private final Map<String, LinkSpec> between = new LinkedHashMap<>();
  private final Map<String, Direction> directions = new ConcurrentHashMap<>();

  public EmulatedLinks(LinkSpec intraZone) {
    this.intraZone = intraZone;
  }

  /** The article's testbed as in cluster-config/topology/paper.yaml (links section). */
  public static EmulatedLinks paperDefaults() {
    EmulatedLinks l = new EmulatedLinks(new LinkSpec(1, 1000));
    l.between("edge1", "edge2", new LinkSpec(20, 100));
    l.between("edge1", "cloud1", new LinkSpec(80, 50));
    l.between("edge2", "cloud1", new LinkSpec(80, 50));
    return l;
  }

  public EmulatedLinks between(String a, String b, LinkSpec spec) {
    between.put(key(a, b), spec);
    between.put(key(b, a), spec);
    return this;
  }

  public LinkSpec spec(String from, String to) {
    if (from.equals(to)) {
      return intraZone;
    }
    LinkSpec s = between.get(key(from, to));
    if (s == null) {
      throw new IllegalArgumentException("no emulated link between " + from + " and " + to);
    }
    return s;
  }

  public Direction direction(String from, String to) {
    return directions.computeIfAbsent(key(from, to), k -> new Direction(from, to, spec(from, to)));
  }

  /** Bytes that crossed zones (both directions of every inter-zone link) since the last reset. */
  public long crossZoneBytes() {
    return directions.values().stream().filter(Direction::crossesZones).mapToLong(d -> d.bytes.get()).sum();
  }

  public Map<String, Long> bytesByDirection() {
    Map<String, Long> m = new java.util.TreeMap<>();
    directions.values().forEach(d -> m.put(d.from + "->" + d.to, d.bytes.get()));
    return m;
  }

  public void resetCounters() {
    directions.values().forEach(d -> d.bytes.set(0));
  }

  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("intraZone", intraZone.toMap());
    List<String> done = new java.util.ArrayList<>();
    between.forEach((k, v) -> {
      String[] z = k.split("\\|");
      String canon = z[0].compareTo(z[1]) < 0 ? z[0] + "-" + z[1] : z[1] + "-" + z[0];
      if (!done.contains(canon)) {
        done.add(canon);
        m.put(canon, v.toMap());
      }
    });
    return m;
  }

  /**
   * Copies a stream across the emulated link {@code from -> to} in the caller's thread (used by
   * the ephemeral-step model for its cross-zone artifact copies): one request round trip, then
   * the bytes paced on the shared wire and delivered one-way delay later.
   */
  public long copyAcross(String from, String to, java.io.InputStream in, java.io.OutputStream out) throws java.io.IOException {
    Direction d = direction(from, to);
    sleepUntil(System.nanoTime() + d.oneWayDelayNanos); // the request travels to the holder
    // Pipelined like the relay in front of Nearflow's nodes (EmulatedLinkRelay): chunks are booked on
    // the wire as they are read, at most WINDOW_CHUNKS not yet delivered, and each is delivered one
    // one-way delay after its serialisation ends. (Delivering one chunk per one-way delay, as before,
    // capped this copy at 32 KiB per 40 ms, ~6.5 Mbit/s on a 50 Mbit/s link.)
    java.util.ArrayDeque<Object[]> inFlight = new java.util.ArrayDeque<>();
    long total = 0;
    while (true) {
      byte[] buf = new byte[32 * 1024];
      int n = in.readNBytes(buf, 0, buf.length);
      if (n > 0) {
        inFlight.add(new Object[] {d.reserve(n), buf, n});
        total += n;
      }
      while (!inFlight.isEmpty() && (n <= 0 || inFlight.size() >= EmulatedLinkRelay.WINDOW_CHUNKS)) {
        Object[] c = inFlight.poll();
        sleepUntil((Long) c[0]);
        out.write((byte[]) c[1], 0, (Integer) c[2]);
      }
      if (n <= 0) {
        return total;
      }
    }
  }

  static void sleepUntil(long nanoTime) {
    for (long left; (left = nanoTime - System.nanoTime()) > 0; ) {
      java.util.concurrent.locks.LockSupport.parkNanos(left);
    }
  }

  private static String key(String a, String b) {
    return a + "|" + b;
  }
}
