package io.nearflow.routing;

import static io.nearflow.routing.Topologies.INTRA;
import static io.nearflow.routing.Topologies.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DistanceCalculatorTest {
  private final DistanceCalculator calc = Topologies.paperWithHosts();

  @Test
  @DisplayName("the same host is distance 0, even when the two sides name different or no zones")
  void sameHostIsZero() {
    assertThat(calc.distance(Locality.of("edge1-a", "edge1"), Locality.of("edge1-a", "edge1"))).isZero();
    assertThat(calc.distance(Locality.of("edge1-a", "edge1"), Locality.of("edge1-a", "?"))).isZero();
    assertThat(calc.distance(Locality.of("unregistered", "?"), Locality.of("unregistered", "?"))).isZero();
  }

  @Test
  @DisplayName("another host in the same zone is the intra-zone distance")
  void otherHostSameZoneIsIntra() {
    assertThat(calc.distance(Locality.of("edge1-a", "edge1"), Locality.of("edge1-b", "edge1"))).isEqualTo(INTRA);
  }

  @Test
  @DisplayName("different zones use the matrix, whichever direction the pair was written in")
  void differentZonesUseTheMatrix() {
    Locality e1 = Locality.of("edge1-a", "edge1");
    Locality e2 = Locality.of("edge2-a", "edge2");
    Locality c1 = Locality.of("cloud1-a", "cloud1");
    assertThat(calc.distance(e1, e2)).isEqualTo(20);
    assertThat(calc.distance(e2, e1)).isEqualTo(20);
    assertThat(calc.distance(e2, c1)).isEqualTo(30);
    assertThat(calc.distance(c1, e1)).isEqualTo(100);
  }

  @Test
  @DisplayName("an unknown host in a matching zone is intra-zone: the zone match is known information")
  void unknownHostMatchingZoneIsIntra() {
    assertThat(calc.distance(Locality.zoneOnly("edge1"), Locality.of("edge1-a", "edge1"))).isEqualTo(INTRA);
    assertThat(calc.distance(Locality.zoneOnly("edge1"), Locality.zoneOnly("edge1"))).isEqualTo(INTRA);
    assertThat(calc.distance(Locality.zoneOnly("edge1"), Locality.zoneOnly("edge2"))).isEqualTo(20);
  }

  @Test
  @DisplayName("unknown or unlisted zones get the fallback, which no known match is worse than")
  void unknownZonesGetTheFallback() {
    Locality known = Locality.of("edge1-a", "edge1");
    assertThat(calc.distance(known, Locality.unknown())).isEqualTo(UNKNOWN);
    assertThat(calc.distance(Locality.unknown(), Locality.unknown())).isEqualTo(UNKNOWN);
    assertThat(calc.distance(known, Locality.zoneOnly("mars"))).isEqualTo(UNKNOWN);
    assertThat(calc.distance(known, Locality.of("unregistered", "?"))).isEqualTo(UNKNOWN);
    assertThat(calc.distance(null, known)).isEqualTo(UNKNOWN);
    assertThat(calc.distance(known, null)).isEqualTo(UNKNOWN);
    assertThat(UNKNOWN).isGreaterThanOrEqualTo(calc.distance(known, Locality.zoneOnly("cloud1")));
  }

  @Test
  @DisplayName("a host-only locality takes its zone from the host registry")
  void hostOnlyLocalityUsesTheRegistry() {
    assertThat(calc.distance(Locality.of("edge2-b", "?"), Locality.zoneOnly("edge2"))).isEqualTo(INTRA);
    assertThat(calc.distance(Locality.of("edge2-b", "?"), Locality.zoneOnly("cloud1"))).isEqualTo(30);
    assertThat(calc.distance(Locality.of("edge2-b", "mars"), Locality.zoneOnly("cloud1"))).isEqualTo(30);
  }

  @Test
  @DisplayName("a locality's own zone wins over the host registry")
  void ownZoneWinsOverRegistry() {
    // edge2-b is registered in edge2, but this locality says cloud1.
    assertThat(calc.distance(Locality.of("edge2-b", "cloud1"), Locality.zoneOnly("edge1"))).isEqualTo(100);
  }

  @Test
  @DisplayName("zone distance counts the same host as its own zone, for load-spreading")
  void zoneDistanceTreatsSameHostAsIntra() {
    Locality a = Locality.of("edge1-a", "edge1");
    assertThat(calc.zoneDistance(a, a)).isEqualTo(INTRA);
    assertThat(calc.zoneDistance(a, Locality.of("edge1-b", "edge1"))).isEqualTo(INTRA);
    assertThat(calc.zoneDistance(a, Locality.of("edge1-a", "?"))).isEqualTo(INTRA);
    assertThat(calc.zoneDistance(a, Locality.of("edge2-a", "edge2"))).isEqualTo(20);
    assertThat(calc.zoneDistance(Locality.of("lost", "?"), Locality.of("lost", "edge1"))).isEqualTo(UNKNOWN);
  }

  @Test
  @DisplayName("distances from one origin agree with pairwise distance")
  void distancesFromAgreeWithPairwise() {
    Locality origin = Locality.zoneOnly("edge2");
    DistancesFrom from = calc.from(origin);
    for (Candidate c : Topologies.paperInstances()) {
      assertThat(from.to(c.locality())).isEqualTo(calc.distance(origin, c.locality()));
    }
  }
}
