package io.nearflow.adapters.localfs;

import java.time.Duration;

/**
 * How this node talks HTTP to local-fs adapters on other hosts, for pulls
 * ({@link LocalFsOptions#peerHttp()}) and for forwarded uploads ({@link PeerUploadClient}, which a
 * node without a store of its own can use too).
 *
 * @param transferTimeout the longest one transfer (pull or upload) may take, connect included
 * @param idleTimeout how long a transfer may go without a byte moving (catches stalled peers long
 *     before {@code transferTimeout} on big files)
 * @param connectTimeout the longest a TCP connect to a peer may take
 * @param keepAlive re-use HTTP connections to peers; switch off to measure connection set-up cost
 * @param maxConnectionsPerPeer pooled HTTP/1.1 connections per peer
 */
public record PeerHttpOptions(
    Duration transferTimeout, Duration idleTimeout, Duration connectTimeout, boolean keepAlive, int maxConnectionsPerPeer) {

  public PeerHttpOptions {
    requirePositive(transferTimeout, "transferTimeout");
    requirePositive(idleTimeout, "idleTimeout");
    requirePositive(connectTimeout, "connectTimeout");
    if (maxConnectionsPerPeer < 1) {
      throw new IllegalArgumentException("maxConnectionsPerPeer must be >= 1, was " + maxConnectionsPerPeer);
    }
  }

  public static PeerHttpOptions defaults() {
    return new PeerHttpOptions(Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofSeconds(5), true, 8);
  }

  public PeerHttpOptions withTransferTimeout(Duration timeout) {
    return new PeerHttpOptions(timeout, idleTimeout, connectTimeout, keepAlive, maxConnectionsPerPeer);
  }

  private static void requirePositive(Duration value, String field) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(field + " must be a positive duration, was " + value);
    }
  }
}
