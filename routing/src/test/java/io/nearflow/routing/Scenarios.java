package io.nearflow.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Generated routing situations: a valid topology of 1-5 zones with random distances, 1-4 hosts
 * per zone (most registered with the calculator), 0-14 instances with random loads, limits,
 * breakers and every kind of partial locality, and a data unit with any kind of locality.
 */
final class Scenarios {
  private static final int MAX_ZONES = 5;

  private Scenarios() {}

  /** How much of a locality is known. */
  enum Known { FULL, ZONE_ONLY, HOST_ONLY, NOTHING, UNLISTED_ZONE }

  record InstanceSpec(int hostPick, Known known, int inFlight, int maxLoad, boolean available) {}

  /** Raw numbers for a topology; only the first {@code zones} entries of the lists are used. */
  record TopologyParams(int zones, int intra, List<Integer> gaps, int slack, List<Integer> hostsPerZone, int unregistered) {}

  record Scenario(DistanceCalculator calc, Locality data, List<Candidate> candidates) {
    RouteRequest request(String hopId) {
      return RouteRequest.of(hopId, data, 4096);
    }

    @Override
    public String toString() {
      return "data=" + data + " candidates=" + candidates + " topology=" + calc.topology() + " hosts=" + calc.hosts();
    }
  }

  static Arbitrary<Scenario> scenarios() {
    return Combinators.combine(
            topologyParams(),
            // A separate uniform count without edge cases: jqwik's list sizes (and mixed-in edge
            // cases) crowd at zero, which would leave a third of the scenarios with no instance.
            Arbitraries.integers().between(0, 14).withDistribution(RandomDistribution.uniform()).withoutEdgeCases(),
            instanceSpecs().list().ofSize(14),
            Arbitraries.integers().between(0, 99),
            Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(Known.FULL)), Tuple.of(2, Arbitraries.of(Known.class))))
        .as(Scenarios::build);
  }

  private static Arbitrary<TopologyParams> topologyParams() {
    return Combinators.combine(
            Arbitraries.integers().between(1, MAX_ZONES),
            Arbitraries.integers().between(1, 10),
            Arbitraries.integers().between(1, 200).list().ofSize(MAX_ZONES * (MAX_ZONES - 1) / 2),
            Arbitraries.integers().between(0, 50),
            Arbitraries.integers().between(1, 4).list().ofSize(MAX_ZONES),
            Arbitraries.integers().between(0, 9))
        .as(TopologyParams::new);
  }

  private static Arbitrary<InstanceSpec> instanceSpecs() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 99),
            Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(Known.FULL)), Tuple.of(1, Arbitraries.of(Known.class))),
            Arbitraries.integers().between(0, 4),
            Arbitraries.integers().between(1, 4),
            Arbitraries.frequency(Tuple.of(6, true), Tuple.of(1, false)))
        .as(InstanceSpec::new);
  }

  private static Scenario build(TopologyParams p, int count, List<InstanceSpec> specs, int dataPick, Known dataKnown) {
    List<String> zones = new ArrayList<>();
    for (int z = 0; z < p.zones(); z++) {
      zones.add("z" + z);
    }
    Map<String, Map<String, Integer>> matrix = new HashMap<>();
    int max = p.intra();
    int g = 0;
    for (int i = 0; i < p.zones(); i++) {
      for (int j = i + 1; j < p.zones(); j++) {
        int d = p.intra() + p.gaps().get(g++);
        matrix.computeIfAbsent(zones.get(i), k -> new HashMap<>()).put(zones.get(j), d);
        max = Math.max(max, d);
      }
    }
    TopologySpec topology = new TopologySpec("generated", zones, p.intra(), max + p.slack(), matrix, Map.of(), null);
    List<Locality> hosts = new ArrayList<>();
    DistanceCalculator calc = DistanceCalculator.of(topology);
    for (int z = 0; z < p.zones(); z++) {
      for (int h = 0; h < p.hostsPerZone().get(z); h++) {
        Locality host = Locality.of("z" + z + "h" + h, "z" + z);
        // Leave roughly one host in ten unregistered: the registry may lag behind instances.
        if ((hosts.size() + p.unregistered()) % 10 != 0) {
          calc = calc.withHost(host.host(), host.zone());
        }
        hosts.add(host);
      }
    }
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      InstanceSpec s = specs.get(i);
      Locality where = partial(hosts.get(s.hostPick() % hosts.size()), s.known());
      candidates.add(new Candidate("i" + i, where, s.inFlight(), s.maxLoad(), s.available()));
    }
    Locality data = partial(hosts.get(dataPick % hosts.size()), dataKnown);
    return new Scenario(calc, data, List.copyOf(candidates));
  }

  static Locality partial(Locality full, Known known) {
    return switch (known) {
      case FULL -> full;
      case ZONE_ONLY -> Locality.zoneOnly(full.zone());
      case HOST_ONLY -> Locality.of(full.host(), "?");
      case NOTHING -> Locality.unknown();
      case UNLISTED_ZONE -> Locality.of(full.host(), "mars");
    };
  }
}
