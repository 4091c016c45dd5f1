package io.nearflow.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Settings as a flat map of dotted keys ({@code node.zone}) with their origins. Later layers
 * override earlier ones: file, then environment, then command line. Typed getters fail with a
 * {@link ConfigException} that names the key, the origin and what was expected.
 */
public final class Settings {
  private final Map<String, Setting> values = new LinkedHashMap<>();

  public Settings put(String key, Object value, String origin) {
    values.put(key, new Setting(value, origin));
    return this;
  }

  /** Adds every entry of {@code other}, replacing what is here. */
  public Settings overlay(Settings other) {
    values.putAll(other.values);
    return this;
  }

  public Set<String> keys() {
    return Collections.unmodifiableSet(values.keySet());
  }

  public Optional<Setting> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public String origin(String key) {
    Setting s = values.get(key);
    return s == null ? "default" : s.origin();
  }

  public Optional<String> string(String key) {
    return get(key).map(s -> {
      if (s.value() instanceof Map || s.value() instanceof List) {
        throw error(key, s, "expected a single value");
      }
      return String.valueOf(s.value()).trim();
    }).filter(v -> !v.isEmpty());
  }

  public Optional<Integer> integer(String key, int min, int max) {
    return string(key).map(v -> {
      int n;
      try {
        n = Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw error(key, values.get(key), "expected a whole number, got '" + v + "'");
      }
      if (n < min || n > max) {
        throw error(key, values.get(key), "must be between " + min + " and " + max + ", got " + n);
      }
      return n;
    });
  }

  /** A list given as a YAML/JSON list or as a comma-separated string (env and flags). */
  public List<String> list(String key) {
    Setting s = values.get(key);
    if (s == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (s.value() instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Map || o instanceof List) {
          throw error(key, s, "expected a list of plain values");
        }
        out.add(String.valueOf(o).trim());
      }
    } else if (s.value() instanceof Map) {
      throw error(key, s, "expected a list");
    } else {
      for (String part : String.valueOf(s.value()).split(",")) {
        out.add(part.trim());
      }
    }
    out.removeIf(String::isEmpty);
    return out;
  }

  public static ConfigException error(String key, Setting s, String what) {
    String where = s == null ? "" : " (" + s.origin() + ")";
    return new ConfigException(key + ": " + what + where);
  }
}
