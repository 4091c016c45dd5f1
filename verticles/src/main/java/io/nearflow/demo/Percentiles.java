package io.nearflow.demo;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;

/** p50 / p99 (nearest rank) of a list of values in milliseconds. */
public final class Percentiles {
  private Percentiles() {}

  public static double rank(double[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  public static JsonObject p50p99(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return new JsonObject().put("p50", round(rank(s, 50))).put("p99", round(rank(s, 99)));
  }

  public static double round(double ms) {
    return Math.round(ms * 1000.0) / 1000.0;
  }
}
