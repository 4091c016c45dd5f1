package io.nearflow.adapters.localfs;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of one host's local-fs adapter.
 *
 * @param storeDir the store directory; created if missing
 * @param peerHttp how pulls talk to other hosts' adapters (timeouts, keep-alive, pool size); its
 *     idle timeout also bounds how long an incoming upload may go silent
 * @param workerThreads threads for disk work (hashing, linking, moving); kept apart from the
 *     Vert.x worker pool so hashing big files cannot starve other blocking work
 * @param maxUploadBytes the largest upload this host accepts ({@link LocalFsAdapter#ingest});
 *     larger ones are refused (HTTP 413) before or while they arrive, never after filling the disk
 */
public record LocalFsOptions(Path storeDir, PeerHttpOptions peerHttp, int workerThreads, long maxUploadBytes) {
  public static final long DEFAULT_MAX_UPLOAD_BYTES = 10L << 30; // 10 GiB

  public LocalFsOptions {
    Objects.requireNonNull(storeDir, "storeDir");
    Objects.requireNonNull(peerHttp, "peerHttp");
    if (workerThreads < 1) {
      throw new IllegalArgumentException("workerThreads must be >= 1, was " + workerThreads);
    }
    if (maxUploadBytes < 0) {
      throw new IllegalArgumentException("maxUploadBytes must be >= 0, was " + maxUploadBytes);
    }
  }

  public static LocalFsOptions defaults(Path storeDir) {
    return new LocalFsOptions(storeDir, PeerHttpOptions.defaults(), 4, DEFAULT_MAX_UPLOAD_BYTES);
  }

  public LocalFsOptions withTransferTimeout(Duration timeout) {
    return new LocalFsOptions(storeDir, peerHttp.withTransferTimeout(timeout), workerThreads, maxUploadBytes);
  }

  public LocalFsOptions withKeepAlive(boolean on) {
    PeerHttpOptions p = peerHttp;
    return new LocalFsOptions(storeDir,
        new PeerHttpOptions(p.transferTimeout(), p.idleTimeout(), p.connectTimeout(), on, p.maxConnectionsPerPeer()),
        workerThreads, maxUploadBytes);
  }

  public LocalFsOptions withMaxUploadBytes(long max) {
    return new LocalFsOptions(storeDir, peerHttp, workerThreads, max);
  }

  /**
   * Reads the adapter's config section: {@code storeDir} (required), {@code transferTimeoutMs},
   * {@code idleTimeoutMs}, {@code connectTimeoutMs}, {@code keepAlive},
   * {@code maxConnectionsPerPeer}, {@code workerThreads}, {@code maxUploadBytes}; absent fields
   * take the defaults.
   */
  public static LocalFsOptions fromJson(JsonObject json) {
    String dir = json.getString("storeDir");
    if (dir == null || dir.isBlank()) {
      throw new IllegalArgumentException("local-fs config field 'storeDir' is missing");
    }
    LocalFsOptions d = defaults(Path.of(dir));
    PeerHttpOptions p = d.peerHttp();
    return new LocalFsOptions(
        d.storeDir(),
        new PeerHttpOptions(
            millis(json, "transferTimeoutMs", p.transferTimeout()),
            millis(json, "idleTimeoutMs", p.idleTimeout()),
            millis(json, "connectTimeoutMs", p.connectTimeout()),
            json.getBoolean("keepAlive", p.keepAlive()),
            json.getInteger("maxConnectionsPerPeer", p.maxConnectionsPerPeer())),
        json.getInteger("workerThreads", d.workerThreads()),
        json.getLong("maxUploadBytes", d.maxUploadBytes()));
  }

  private static Duration millis(JsonObject json, String field, Duration fallback) {
    Long value = json.getLong(field);
    return value == null ? fallback : Duration.ofMillis(value);
  }
}
