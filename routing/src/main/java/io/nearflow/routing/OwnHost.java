package io.nearflow.routing;

/**
 * Which candidates of a {@link CandidateTable} sit on the data's own host, for one decision.
 *
 * <p>Why not compare host names per candidate: a string comparison inside the decision loop,
 * even one that rarely runs, costs the loop about a nanosecond per candidate (it blocks the
 * compiler's best code for the loop). Comparing the cached hashes is enough once one scan has
 * checked that no other host in the table collides with the data host's hash; on the rare
 * collision, names are compared after all.
 */
final class OwnHost {
  private final DistancesFrom from;
  private final int[] hostHashes;
  private final String[] hosts;
  private final int hash;
  private final boolean hashIsExact;

  OwnHost(DistancesFrom from, CandidateTable table) {
    this.from = from;
    this.hostHashes = table.hostHashes;
    this.hosts = table.hosts;
    this.hash = from.hostHash();
    this.hashIsExact = hashIsExact();
  }

  /** Whether the candidate at {@code i} is on the data's host (never when that host is unknown). */
  boolean at(int i) {
    return hostHashes[i] == hash && (hashIsExact || from.isHost(hash, hosts[i]));
  }

  private boolean hashIsExact() {
    for (int i = 0; i < hostHashes.length; i++) {
      if (hostHashes[i] == hash && !from.isHost(hash, hosts[i])) {
        return false;
      }
    }
    return true;
  }
}
