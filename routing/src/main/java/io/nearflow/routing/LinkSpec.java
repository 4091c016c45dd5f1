package io.nearflow.routing;

/**
 * Optional network characteristics of a link between two zones (or inside one zone).
 * Routing does not need them; benchmarks and cost models do. A value of 0 means "not given".
 */
public record LinkSpec(double rttMs, double bandwidthMbitPerSec) {
  public static final LinkSpec UNKNOWN = new LinkSpec(0, 0);

  public LinkSpec {
    if (rttMs < 0 || Double.isNaN(rttMs)) {
      throw new TopologyException("link rttMs must be >= 0, got " + rttMs);
    }
    if (bandwidthMbitPerSec < 0 || Double.isNaN(bandwidthMbitPerSec)) {
      throw new TopologyException("link bandwidthMbps must be >= 0, got " + bandwidthMbitPerSec);
    }
  }
}
