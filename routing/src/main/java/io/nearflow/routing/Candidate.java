package io.nearflow.routing;

import java.util.Objects;

/**
 * A step instance as routing sees it: its id, where it runs, how many hops it has in flight,
 * how many it may have ({@code maxLoad}), and whether it can be dispatched to at all
 * ({@code available}: its circuit breakers are closed).
 *
 * <p>A snapshot: the work tracker's in-flight count at the time the candidate list was built.
 */
public record Candidate(String id, Locality locality, int inFlight, int maxLoad, boolean available) {
  /** The article's default limit of in-flight hops per instance. */
  public static final int DEFAULT_MAX_LOAD = 3;

  public Candidate {
    Objects.requireNonNull(id, "id");
    locality = locality == null ? Locality.unknown() : locality;
    if (inFlight < 0) {
      throw new IllegalArgumentException("candidate " + id + ": inFlight must be >= 0, got " + inFlight);
    }
    if (maxLoad < 1) {
      throw new IllegalArgumentException("candidate " + id + ": maxLoad must be >= 1, got " + maxLoad);
    }
  }

  /** An available instance with the default limit. */
  public static Candidate of(String id, Locality locality, int inFlight) {
    return new Candidate(id, locality, inFlight, DEFAULT_MAX_LOAD, true);
  }

  /** Whether the instance can take one more hop now: available and under its limit. */
  public boolean hasCapacity() {
    return available && inFlight < maxLoad;
  }

  public Candidate withInFlight(int newInFlight) {
    return new Candidate(id, locality, newInFlight, maxLoad, available);
  }

  public Candidate withAvailable(boolean newAvailable) {
    return new Candidate(id, locality, inFlight, maxLoad, newAvailable);
  }
}
