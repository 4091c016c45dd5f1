package io.nearflow.workflow;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in workflow files: {@code 500ms}, {@code 30s}, {@code 5m},
 * {@code 1h30m}, {@code 1.5s}. The syntax is Go's (what Argo Workflows users already know), so
 * there is one way to write a duration in a file and in the JSON form.
 */
public final class Durations {
  /** Example text for error messages. */
  public static final String EXAMPLES = "like 500ms, 30s, 5m or 1h30m";

  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");
  private static final Map<String, Long> NANOS = Map.of(
      "ns", 1L, "us", 1_000L, "µs", 1_000L, "ms", 1_000_000L,
      "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
  // Largest first, so format() picks the shortest exact spelling.
  private static final List<String> FORMAT_UNITS = List.of("h", "m", "s", "ms", "us", "ns");

  private Durations() {}

  /**
   * Parses a duration; throws {@link IllegalArgumentException} with a message fit to follow a
   * field name ({@code expected a duration like 500ms, ... (got '30')}).
   */
  public static Duration parse(String text) {
    String s = text == null ? "" : text.trim();
    Matcher m = PART.matcher(s);
    BigDecimal nanos = BigDecimal.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
      end = m.end();
    }
    if (s.isEmpty() || end != s.length()) {
      throw new IllegalArgumentException("expected a duration " + EXAMPLES + " (got '" + s + "')");
    }
    try {
      return Duration.ofNanos(nanos.longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("'" + s + "' is not a whole number of nanoseconds or is too long");
    }
  }

  /** The shortest exact spelling in one unit: 300000ms is {@code 5m}, 1500ms is {@code 1500ms}. */
  public static String format(Duration d) {
    long nanos = d.toNanos();
    if (nanos == 0) {
      return "0s";
    }
    for (String unit : FORMAT_UNITS) {
      long per = NANOS.get(unit);
      if (nanos % per == 0) {
        return (nanos / per) + unit;
      }
    }
    throw new AssertionError("ns divides every duration");
  }
}
