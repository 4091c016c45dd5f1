package io.nearflow.routing;

/**
 * What routing knows about the hop to place: its id, the input data unit's locality and size.
 *
 * <p>The hop id seeds the tie-break between otherwise equal candidates (a hash of the hop id and
 * the candidate's position), so different hops spread over equal instances and the same hop on
 * the same inputs always gets the same answer. The size is not used by today's algorithms; it is
 * part of the input so a bandwidth-aware cost model can be added without changing
 * {@link RoutingAlgorithm}.
 *
 * @param hopId the hop being routed; any stable string (null becomes "", which spreads nothing)
 * @param data the data unit's locality; partial or unknown is fine
 * @param sizeBytes the data unit's size in bytes, 0 when not known
 */
public record RouteRequest(String hopId, Locality data, long sizeBytes) {
  public RouteRequest {
    hopId = hopId == null ? "" : hopId;
    data = data == null ? Locality.unknown() : data;
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("hop " + hopId + ": sizeBytes must be >= 0, got " + sizeBytes);
    }
  }

  public static RouteRequest of(String hopId, Locality data, long sizeBytes) {
    return new RouteRequest(hopId, data, sizeBytes);
  }

  /** A request with size not known. */
  public static RouteRequest of(String hopId, Locality data) {
    return new RouteRequest(hopId, data, 0);
  }
}
