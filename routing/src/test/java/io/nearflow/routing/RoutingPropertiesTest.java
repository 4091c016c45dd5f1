package io.nearflow.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.routing.Scenarios.Scenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Invariants of the three algorithms over generated topologies, loads and localities. */
class RoutingPropertiesTest {
  private static final List<String> NAMES = RoutingAlgorithms.names();

  @Provide
  Arbitrary<Scenario> scenarios() {
    return Scenarios.scenarios();
  }

  @Property(tries = 500)
  @Label("no algorithm chooses an instance at its limit or unavailable; no-capacity exactly when none has capacity")
  void chosenHasCapacityAndNoCapacityIsExact(@ForAll("scenarios") Scenario s) {
    boolean anyCapacity = s.candidates().stream().anyMatch(Candidate::hasCapacity);
    // Printed in the test report: evidence that both outcomes and all locality kinds are exercised.
    Statistics.label("outcome").collect(anyCapacity ? "some capacity" : "no capacity");
    Statistics.label("data locality").collect(s.data().hasHost() ? "host" : "no host", s.data().hasZone() ? "zone" : "no zone");
    for (String name : NAMES) {
      RouteDecision d = RoutingAlgorithms.byName(name).route(s.request("hop"), s.candidates(), s.calc());
      assertThat(d.isRouted()).as(name).isEqualTo(anyCapacity);
      if (d instanceof RouteDecision.Routed r) {
        assertThat(r.candidate().hasCapacity()).as(name).isTrue();
        assertThat(s.candidates().get(r.index())).as(name).isSameAs(r.candidate());
        assertThat(r.distance()).as(name).isEqualTo(s.calc().distance(s.data(), r.candidate().locality()));
      }
    }
  }

  @Property(tries = 200)
  @Label("routing hop after hop fills exactly the free slots, then answers no capacity")
  void sequencesFillExactlyTheFreeSlots(@ForAll("scenarios") Scenario s) {
    int freeSlots = s.candidates().stream()
        .filter(Candidate::available).mapToInt(c -> Math.max(0, c.maxLoad() - c.inFlight())).sum();
    for (String name : NAMES) {
      assertThat(Simulation.routedUntilFull(RoutingAlgorithms.byName(name), s.calc(), s.data(), s.candidates()))
          .as(name).isEqualTo(freeSlots);
    }
  }

  @Property(tries = 500)
  @Label("greedy never picks a farther instance, or a busier equally near one, while a better one has capacity")
  void greedyPicksTheNearestThenLeastLoaded(@ForAll("scenarios") Scenario s) {
    RouteDecision d = new GreedyRouting().route(s.request("hop"), s.candidates(), s.calc());
    if (d instanceof RouteDecision.Routed r) {
      int chosen = s.calc().distance(s.data(), r.candidate().locality());
      for (Candidate c : s.candidates()) {
        if (c.hasCapacity()) {
          int other = s.calc().distance(s.data(), c.locality());
          assertThat(other).isGreaterThanOrEqualTo(chosen);
          if (other == chosen) {
            assertThat(c.inFlight()).isGreaterThanOrEqualTo(r.candidate().inFlight());
          }
        }
      }
    }
  }

  @Property(tries = 500)
  @Label("load spreading never spills to a farther zone while a nearer zone has capacity, and takes its least loaded")
  void loadSpreadingStaysInTheNearestZone(@ForAll("scenarios") Scenario s) {
    RouteDecision d = new LoadSpreadingRouting().route(s.request("hop"), s.candidates(), s.calc());
    if (d instanceof RouteDecision.Routed r) {
      int chosenZone = s.calc().zoneDistance(s.data(), r.candidate().locality());
      for (Candidate c : s.candidates()) {
        if (c.hasCapacity()) {
          int zone = s.calc().zoneDistance(s.data(), c.locality());
          assertThat(zone).isGreaterThanOrEqualTo(chosenZone);
          if (zone == chosenZone) {
            assertThat(c.inFlight()).isGreaterThanOrEqualTo(r.candidate().inFlight());
          }
        }
      }
    }
  }

  @Property(tries = 300)
  @Label("round-robin gives every instance with capacity the same number of hops")
  void roundRobinSpreadsEvenly(@ForAll("scenarios") Scenario s) {
    RoutingAlgorithm rr = new RoundRobinRouting();
    long eligible = s.candidates().stream().filter(Candidate::hasCapacity).count();
    Map<Integer, Integer> counts = new HashMap<>();
    for (int hop = 0; hop < eligible * 3; hop++) {
      RouteDecision.Routed r = (RouteDecision.Routed) rr.route(s.request("hop-" + hop), s.candidates(), s.calc());
      counts.merge(r.index(), 1, Integer::sum);
    }
    assertThat(counts).hasSize((int) eligible);
    assertThat(counts.values()).allMatch(n -> n == 3);
  }

  @Property(tries = 300)
  @Label("unknown data locality routes somewhere whenever any instance has capacity")
  void unknownLocalityRoutesSomewhere(@ForAll("scenarios") Scenario s) {
    boolean anyCapacity = s.candidates().stream().anyMatch(Candidate::hasCapacity);
    for (String name : NAMES) {
      RouteDecision d = RoutingAlgorithms.byName(name)
          .route(RouteRequest.of("hop", Locality.unknown()), s.candidates(), s.calc());
      assertThat(d.isRouted()).as(name).isEqualTo(anyCapacity);
    }
  }

  @Property(tries = 200)
  @Label("a kept table updated hop by hop decides exactly as a list rebuilt for every hop")
  void keptTableAgreesWithRebuiltList(@ForAll("scenarios") Scenario s) {
    for (String name : List.of("greedy", "load-spreading")) {
      RoutingAlgorithm algorithm = RoutingAlgorithms.byName(name);
      CandidateTable table = CandidateTable.of(s.candidates(), s.calc());
      List<Candidate> list = new ArrayList<>(s.candidates());
      for (int hop = 0; hop < 20; hop++) {
        RouteDecision fromTable = algorithm.route(s.request("hop-" + hop), table);
        RouteDecision fromList = algorithm.route(s.request("hop-" + hop), list, s.calc());
        assertThat(fromTable).as(name).isEqualTo(fromList);
        if (!(fromTable instanceof RouteDecision.Routed r)) {
          break;
        }
        table.setInFlight(r.index(), r.candidate().inFlight() + 1);
        list.set(r.index(), r.candidate().withInFlight(r.candidate().inFlight() + 1));
      }
    }
  }

  @Property(tries = 300)
  @Label("greedy and load spreading answer the same hop on the same inputs the same way")
  void decisionsAreDeterministic(@ForAll("scenarios") Scenario s) {
    for (String name : List.of("greedy", "load-spreading")) {
      assertThat(RoutingAlgorithms.byName(name).route(s.request("hop-7"), s.candidates(), s.calc()))
          .as(name).isEqualTo(RoutingAlgorithms.byName(name).route(s.request("hop-7"), s.candidates(), s.calc()));
    }
  }
}
