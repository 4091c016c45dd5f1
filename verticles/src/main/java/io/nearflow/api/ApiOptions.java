package io.nearflow.api;

import io.nearflow.adapters.localfs.LocalFsOptions;
import io.nearflow.config.Settings;
import java.time.Duration;

/**
 * API settings ({@code api.*} keys of the node config).
 *
 * @param requestTimeout how long a request waits for a component's answer on the event bus;
 *     past it the client gets 504 / DEADLINE_EXCEEDED instead of a hanging call
 * @param maxJsonBytes the largest JSON or workflow-file body (413 beyond)
 * @param maxUploadBytes the largest upload the API forwards (413 beyond); the target host's
 *     adapter has its own limit, which applies too
 * @param uploadTimeout the longest one upload may take end to end, connect included
 * @param watchRecheck how often a run watch re-reads the run, so a watch ends even when the
 *     run's end was not announced as an event (cancellation, a lost publish)
 */
public record ApiOptions(Duration requestTimeout, int maxJsonBytes, long maxUploadBytes, Duration uploadTimeout,
                         Duration watchRecheck) {
  public static final String REQUEST_TIMEOUT_MS = "api.requestTimeoutMs";
  public static final String MAX_JSON_BYTES = "api.maxJsonBytes";
  public static final String MAX_UPLOAD_BYTES = "api.maxUploadBytes";
  public static final String UPLOAD_TIMEOUT_MS = "api.uploadTimeoutMs";

  public static ApiOptions defaults() {
    return new ApiOptions(Duration.ofSeconds(10), 1 << 20, LocalFsOptions.DEFAULT_MAX_UPLOAD_BYTES,
        Duration.ofMinutes(30), Duration.ofSeconds(2));
  }

  public static ApiOptions from(Settings s) {
    ApiOptions d = defaults();
    return new ApiOptions(
        Duration.ofMillis(s.integer(REQUEST_TIMEOUT_MS, 1, 600_000).orElse((int) d.requestTimeout.toMillis())),
        s.integer(MAX_JSON_BYTES, 1024, 64 << 20).orElse(d.maxJsonBytes),
        s.string(MAX_UPLOAD_BYTES).map(v -> bytes(s, v)).orElse(d.maxUploadBytes),
        Duration.ofMillis(s.integer(UPLOAD_TIMEOUT_MS, 1_000, Integer.MAX_VALUE).orElse((int) d.uploadTimeout.toMillis())),
        d.watchRecheck);
  }

  /** Upload limits pass 2 GiB, beyond what {@link Settings#integer} reads. */
  private static long bytes(Settings s, String value) {
    try {
      long n = Long.parseLong(value);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Settings.error(MAX_UPLOAD_BYTES, s.get(MAX_UPLOAD_BYTES).orElse(null),
        "expected a number of bytes >= 0, got '" + value + "'");
  }
}
