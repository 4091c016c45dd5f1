package io.nearflow.bench.routing;

import io.nearflow.routing.Candidate;
import io.nearflow.routing.CandidateTable;
import io.nearflow.routing.DistanceCalculator;
import io.nearflow.routing.Locality;
import io.nearflow.routing.RouteRequest;
import io.nearflow.routing.TopologySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A reproducible routing situation on the paper topology (edge1, edge2, cloud1): {@code n}
 * step instances, two per host, hosts spread round the three zones; loads drawn so about a
 * quarter of the instances are full and 3% have an open breaker; and a batch of hops whose data
 * sits mostly on a known host, sometimes only in a known zone, sometimes nowhere known. The
 * candidates come both as a list and as the kept {@link CandidateTable} an orchestrator holds.
 */
record RoutingWorkload(DistanceCalculator calc, List<Candidate> candidates, CandidateTable table, RouteRequest[] requests) {
  static final List<String> ZONES = List.of("edge1", "edge2", "cloud1");
  /** A power of two, so the benchmark cycles through requests with a mask. */
  static final int REQUESTS = 64;

  static TopologySpec paperTopology() {
    return new TopologySpec("paper", ZONES, 5, 1_000,
        Map.of("edge1", Map.of("edge2", 20, "cloud1", 100), "edge2", Map.of("cloud1", 30)), Map.of(), null);
  }

  static RoutingWorkload create(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int hosts = Math.max(ZONES.size(), (n + 1) / 2);
    DistanceCalculator calc = DistanceCalculator.of(paperTopology());
    for (int h = 0; h < hosts; h++) {
      calc = calc.withHost(host(h), zone(h));
    }
    List<Candidate> candidates = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int h = i / 2;
      // Fresh strings, as they would arrive off the wire: no identity shortcut for zone names.
      Locality where = Locality.of(new String(host(h)), new String(zone(h)));
      candidates.add(new Candidate("instance-" + i, where, load(random), Candidate.DEFAULT_MAX_LOAD,
          random.nextInt(100) >= 3));
    }
    RouteRequest[] requests = new RouteRequest[REQUESTS];
    for (int r = 0; r < REQUESTS; r++) {
      int h = random.nextInt(hosts);
      int kind = random.nextInt(100);
      Locality data = kind < 70 ? Locality.of(host(h), zone(h))
          : kind < 85 ? Locality.zoneOnly(zone(h))
          : kind < 95 ? Locality.of(host(h), Locality.UNKNOWN)
          : Locality.unknown();
      requests[r] = RouteRequest.of("hop-" + seed + "-" + r, data, 10L << 20);
    }
    List<Candidate> list = List.copyOf(candidates);
    return new RoutingWorkload(calc, list, CandidateTable.of(list, calc), requests);
  }

  private static String host(int h) {
    return zone(h) + "-host-" + h;
  }

  private static String zone(int h) {
    return ZONES.get(h % ZONES.size());
  }

  // In-flight hops per instance: 30% idle, 25% one, 20% two, 25% at the default limit of 3.
  private static int load(SplittableRandom random) {
    int p = random.nextInt(100);
    return p < 30 ? 0 : p < 55 ? 1 : p < 75 ? 2 : 3;
  }
}
