package io.nearflow.step;

import io.nearflow.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads a {@link StepSpec} from a config map; every error names {@code where.field}. */
final class StepSpecParser {
  private static final List<String> FIELDS = List.of("type", "slots", "kind", "class", "command", "env", "workDir");
  private static final Set<String> EXTERNAL_ONLY = Set.of("command", "env", "workDir");

  private StepSpecParser() {}

  static StepSpec parse(Map<String, ?> item, String where) {
    for (String key : item.keySet()) {
      if (!FIELDS.contains(key)) {
        throw error(where, key, "unknown field (" + String.join(", ", FIELDS) + ")");
      }
    }
    String type = requiredString(item, where, "type");
    int slots = slots(item, where);
    String kindName = optionalString(item, where, "kind").orElse(StepKind.JAVA.configName());
    StepKind kind = StepKind.fromConfigName(kindName).orElseThrow(() ->
        error(where, "kind", "unknown kind '" + kindName + "' (" + StepKind.choices() + ")"));
    Optional<String> className = optionalString(item, where, "class");
    if (kind == StepKind.JAVA) {
      for (String field : EXTERNAL_ONLY) {
        if (item.containsKey(field)) {
          throw error(where, field, "only for kind process or command, not java");
        }
      }
      return new StepSpec(type, slots, kind, className, List.of(), Map.of(), Optional.empty());
    }
    if (className.isPresent()) {
      throw error(where, "class", "only for kind java, not " + kind.configName());
    }
    List<String> command = command(item, where);
    Map<String, String> env = env(item, where);
    Optional<Path> workDir = optionalString(item, where, "workDir").map(Path::of);
    return new StepSpec(type, slots, kind, Optional.empty(), command, env, workDir);
  }

  private static int slots(Map<String, ?> item, String where) {
    Object v = item.get("slots");
    if (v == null) {
      return StepSpec.DEFAULT_SLOTS;
    }
    try {
      long n = v instanceof Number num && num.doubleValue() == num.longValue()
          ? num.longValue() : Long.parseLong(v.toString().trim());
      if (n >= 1 && n <= 10_000) {
        return (int) n;
      }
    } catch (NumberFormatException e) {
      // reported below with the value
    }
    throw error(where, "slots", "must be a whole number from 1 to 10000, got '" + v + "'");
  }

  private static List<String> command(Map<String, ?> item, String where) {
    Object v = item.get("command");
    if (!(v instanceof List<?> list) || list.isEmpty()) {
      throw error(where, "command", v == null
          ? "required for this kind: a list like [python3, step.py]"
          : "must be a non-empty list of strings, got '" + v + "'");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Object arg = list.get(i);
      if (arg == null || arg instanceof Map || arg instanceof List) {
        throw error(where, "command[" + i + "]", "must be a string, got '" + arg + "'");
      }
      out.add(arg.toString());
    }
    return out;
  }

  private static Map<String, String> env(Map<String, ?> item, String where) {
    Object v = item.get("env");
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?> map)) {
      throw error(where, "env", "must be a map of NAME: value, got '" + v + "'");
    }
    Map<String, String> out = new LinkedHashMap<>();
    map.forEach((k, val) -> {
      if (val == null || val instanceof Map || val instanceof List) {
        throw error(where, "env." + k, "must be a plain value, got '" + val + "'");
      }
      out.put(k.toString(), val.toString());
    });
    return out;
  }

  private static String requiredString(Map<String, ?> item, String where, String field) {
    return optionalString(item, where, field).orElseThrow(() -> error(where, field, "required"));
  }

  private static Optional<String> optionalString(Map<String, ?> item, String where, String field) {
    Object v = item.get(field);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof String s) || s.isBlank()) {
      throw error(where, field, "must be a non-empty string, got '" + v + "'");
    }
    return Optional.of(s.trim());
  }

  private static ConfigException error(String where, String field, String problem) {
    return new ConfigException(where + "." + field + ": " + problem);
  }
}
