package io.nearflow.orchestrator;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether this side of the cluster may register or delete workflow definitions: only while
 * its view holds orchestrators in a strict majority of the zones that have had an orchestrator in
 * this node's view since it started (zones of agents and adapters only, e.g. buses, do not count:
 * they cannot register anything), or in exactly half of them including the zone whose name sorts
 * first (a tie is broken the same way on both sides). Workflow versions are numbered cluster-wide and never renumbered; if both sides of a
 * split could register, each would give its own definition the same next number and a merge would
 * have to drop or renumber one of them. With this rule at most one side of a split registers (a
 * zone cut off from the others answers 503 and keeps running the versions it has), so a merge
 * never meets two definitions under one number. A cluster that has only ever had one zone (a
 * single-zone install, or an edge box started before the seeds) registers freely.
 */
final class RegistrationQuorum {
  private final Set<String> seen = new TreeSet<>();

  /** Records the zones with an orchestrator in the current view (every view change). */
  void observe(Set<String> zonesNow) {
    seen.addAll(zonesNow);
  }

  /** Empty when registration is allowed now, else the reason it is not. */
  Optional<String> refusal(Set<String> zonesNow) {
    observe(zonesNow);
    long present = seen.stream().filter(zonesNow::contains).count();
    boolean tieWon = present * 2 == seen.size() && zonesNow.contains(seen.iterator().next());
    if (present * 2 > seen.size() || tieWon) {
      return Optional.empty();
    }
    Set<String> missing = new TreeSet<>(seen);
    missing.removeAll(zonesNow);
    return Optional.of("workflow definitions can only be registered or deleted where the cluster's majority of zones is: "
        + "this node sees " + present + " of the " + seen.size() + " zones it has known (" + String.join(", ", missing)
        + " unreachable); runs of registered versions go on here, register again once the zones are back");
  }
}
