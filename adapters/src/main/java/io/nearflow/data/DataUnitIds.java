package io.nearflow.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Data unit ids: how they look and how they are made.
 *
 * <p>Ids are restricted to a file-name-safe alphabet so any adapter may use them directly as a
 * locator, in a URL path or in an event-bus address without escaping. Two generators:
 *
 * <ul>
 *   <li>{@link #forOutput} is deterministic: the same hop and output index always give the same
 *       id, so when a hop is retried (hops are at-least-once) its outputs register under the ids
 *       of the first attempt and no duplicate downstream run is started;
 *   <li>{@link #random} for data that enters from outside (uploads, ingest), where there is no
 *       hop to derive from.
 * </ul>
 */
public final class DataUnitIds {
  /** Letters, digits, {@code . _ -}; starts with a letter or digit; at most 128 characters. */
  public static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private DataUnitIds() {}

  /**
   * The id of output {@code outputIndex} of hop {@code hopId}. {@code hopId} must be the hop's
   * stable id, the same for every attempt, not an attempt id.
   */
  public static String forOutput(String hopId, int outputIndex) {
    if (hopId == null || hopId.isBlank()) {
      throw new IllegalArgumentException("hopId must not be blank");
    }
    if (outputIndex < 0) {
      throw new IllegalArgumentException("outputIndex must be >= 0, was " + outputIndex);
    }
    // Hashing (rather than concatenating) keeps ids short and safe whatever the hop id contains;
    // the separator byte keeps ("a1", 2) and ("a", 12) apart.
    byte[] digest = sha256(hopId + '\n' + outputIndex);
    return "o" + HexFormat.of().formatHex(digest, 0, 16);
  }

  /** A fresh id for data that no hop produced. */
  public static String random() {
    return "u" + UUID.randomUUID().toString().replace("-", "");
  }

  /** {@link #VALID}, checked by hand (same result): every data unit built or parsed checks its id. */
  public static boolean isValid(String id) {
    if (id == null || id.isEmpty() || id.length() > 128) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
        return false;
      }
    }
    return true;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java 17 runtime ships SHA-256", e);
    }
  }

}
