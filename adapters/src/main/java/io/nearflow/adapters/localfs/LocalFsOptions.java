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
   * take the defaults. Settings from environment variables and flags are text, so a field also
   * accepts its value written out ({@code "false"}, {@code "8"}); anything else is refused with an
   * {@link IllegalArgumentException} naming the field.
   */
  public static LocalFsOptions fromJson(JsonObject json) {
    Object dir = json.getValue("storeDir");
    if (dir == null || dir.toString().isBlank()) {
      throw new IllegalArgumentException("local-fs config field 'storeDir' is missing");
    }
    if (!(dir instanceof String path)) {
      throw invalid("storeDir", "a directory path", dir);
    }
    LocalFsOptions d = defaults(Path.of(path));
    PeerHttpOptions p = d.peerHttp();
    return new LocalFsOptions(
        d.storeDir(),
        new PeerHttpOptions(
            millis(json, "transferTimeoutMs", p.transferTimeout()),
            millis(json, "idleTimeoutMs", p.idleTimeout()),
            millis(json, "connectTimeoutMs", p.connectTimeout()),
            bool(json, "keepAlive", p.keepAlive()),
            (int) whole(json, "maxConnectionsPerPeer", p.maxConnectionsPerPeer(), Integer.MAX_VALUE)),
        (int) whole(json, "workerThreads", d.workerThreads(), Integer.MAX_VALUE),
        whole(json, "maxUploadBytes", d.maxUploadBytes(), Long.MAX_VALUE));
  }

  private static Duration millis(JsonObject json, String field, Duration fallback) {
    return Duration.ofMillis(whole(json, field, fallback.toMillis(), Long.MAX_VALUE));
  }

  private static boolean bool(JsonObject json, String field, boolean fallback) {
    Object value = json.getValue(field);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    String text = value instanceof String s ? s.trim() : "";
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw invalid(field, "true or false", value);
  }

  private static long whole(JsonObject json, String field, long fallback, long max) {
    Object value = json.getValue(field);
    if (value == null) {
      return fallback;
    }
    try {
      long n = value instanceof Number num && num.doubleValue() == num.longValue()
          ? num.longValue() : Long.parseLong(value.toString().trim());
      if (n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below, with the value
    }
    throw invalid(field, max == Long.MAX_VALUE ? "a whole number" : "a whole number up to " + max, value);
  }

  private static IllegalArgumentException invalid(String field, String expected, Object value) {
    return new IllegalArgumentException("local-fs config field '" + field + "': expected " + expected
        + ", got '" + value + "'");
  }
}
