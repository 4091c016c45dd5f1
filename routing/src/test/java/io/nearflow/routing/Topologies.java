package io.nearflow.routing;

import java.util.List;
import java.util.Map;

/** Topologies the tests share; the paper's is the article's testbed (figures.md). */
final class Topologies {
  static final int INTRA = 5;
  static final int UNKNOWN = 1_000;

  private Topologies() {}

  /** edge1, edge2, cloud1; intra 5; edge1-edge2 20, edge2-cloud1 30, edge1-cloud1 100. */
  static TopologySpec paper() {
    return new TopologySpec(
        "paper",
        List.of("edge1", "edge2", "cloud1"),
        INTRA,
        UNKNOWN,
        Map.of("edge1", Map.of("edge2", 20, "cloud1", 100), "edge2", Map.of("cloud1", 30)),
        Map.of(),
        null);
  }

  /** The paper topology with two hosts per zone registered: edge1-a, edge1-b, edge2-a, ... */
  static DistanceCalculator paperWithHosts() {
    DistanceCalculator calc = DistanceCalculator.of(paper());
    for (String zone : List.of("edge1", "edge2", "cloud1")) {
      calc = calc.withHost(zone + "-a", zone).withHost(zone + "-b", zone);
    }
    return calc;
  }

  /** One instance per host of the paper topology, in a deliberately unhelpful list order. */
  static List<Candidate> paperInstances() {
    return List.of(
        Candidate.of("cloud1-b/step", Locality.of("cloud1-b", "cloud1"), 0),
        Candidate.of("edge2-b/step", Locality.of("edge2-b", "edge2"), 0),
        Candidate.of("edge1-b/step", Locality.of("edge1-b", "edge1"), 0),
        Candidate.of("cloud1-a/step", Locality.of("cloud1-a", "cloud1"), 0),
        Candidate.of("edge2-a/step", Locality.of("edge2-a", "edge2"), 0),
        Candidate.of("edge1-a/step", Locality.of("edge1-a", "edge1"), 0));
  }
}
