package io.nearflow.step.builtin;

import java.util.Map;

/** Reads typed step parameters; a bad value fails the hop with a message naming the parameter. */
final class Params {
  private Params() {}

  static long longParam(Map<String, String> params, String name, long defaultValue) {
    String v = params.get(name);
    if (v == null || v.isBlank()) {
      return defaultValue;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("parameter '" + name + "' must be a whole number, got '" + v + "'");
    }
  }

  static long positive(Map<String, String> params, String name, long defaultValue) {
    long n = longParam(params, name, defaultValue);
    if (n < 1) {
      throw new IllegalArgumentException("parameter '" + name + "' must be >= 1, got " + n);
    }
    return n;
  }
}
