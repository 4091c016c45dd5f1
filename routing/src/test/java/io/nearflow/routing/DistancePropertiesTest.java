package io.nearflow.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.routing.Scenarios.Scenario;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The precomputed tables against a direct reading of the rules over the topology spec. */
class DistancePropertiesTest {

  @Provide
  Arbitrary<Scenario> scenarios() {
    return Scenarios.scenarios();
  }

  @Property(tries = 300)
  @Label("precomputed distances equal the rules applied directly to the topology, symmetrically")
  void tablesAgreeWithTheRules(@ForAll("scenarios") Scenario s) {
    List<Locality> places = new ArrayList<>(List.of(s.data(), Locality.unknown(), Locality.zoneOnly("mars")));
    s.candidates().forEach(c -> places.add(c.locality()));
    for (Locality a : places) {
      for (Locality b : places) {
        int expected = expected(s.calc(), a, b);
        assertThat(s.calc().distance(a, b)).as("%s -> %s", a, b).isEqualTo(expected);
        assertThat(s.calc().distance(b, a)).as("%s -> %s", b, a).isEqualTo(expected);
        assertThat(expected).isLessThanOrEqualTo(s.calc().topology().unknownDistance());
      }
    }
  }

  private static int expected(DistanceCalculator calc, Locality a, Locality b) {
    if (a.hasHost() && a.host().equals(b.host())) {
      return 0;
    }
    String za = zoneOf(calc, a);
    String zb = zoneOf(calc, b);
    TopologySpec t = calc.topology();
    return za == null || zb == null ? t.unknownDistance() : t.zoneDistance(za, zb);
  }

  private static String zoneOf(DistanceCalculator calc, Locality l) {
    if (calc.topology().hasZone(l.zone())) {
      return l.zone();
    }
    String registered = calc.hosts().get(l.host());
    return registered != null && calc.topology().hasZone(registered) ? registered : null;
  }
}
