package io.nearflow.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Typed reads of the fields of one mapping in a {@link LocatedTree}. Each read reports what is
 * wrong against the field's path and returns null, so the parser carries on and finds every
 * problem in one pass. Absent and explicit null ({@code timeout: ~}) both mean "not given".
 */
final class FieldReader {
  private final Problems problems;

  FieldReader(Problems problems) {
    this.problems = problems;
  }

  static String path(String parent, String field) {
    return parent.isEmpty() ? field : parent + "." + field;
  }

  static boolean given(JsonNode node) {
    return node != null && !node.isNull() && !node.isMissingNode();
  }

  /** Reports and returns false unless {@code node} is a mapping; {@code what} says what it should hold. */
  boolean isMapping(JsonNode node, String path, String what) {
    if (node.isObject()) {
      return true;
    }
    problems.add(path, "expected " + what + ", got " + kind(node));
    return false;
  }

  /** Unknown fields are errors: a misspelt {@code tiemout} must not silently mean "the default". */
  void onlyFields(JsonNode mapping, String path, List<String> allowed, String what) {
    for (Iterator<String> it = mapping.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!allowed.contains(field)) {
        String hint = allowed.stream().filter(a -> close(a, field)).findFirst()
            .map(a -> "did you mean '" + a + "'? ").orElse("");
        problems.add(path(path, field), "unknown field (" + hint + what + " has: " + String.join(", ", allowed) + ")");
      }
    }
  }

  /** A single value as text; null when not given or not a single value. */
  String text(JsonNode mapping, String field, String path) {
    JsonNode n = mapping.get(field);
    if (!given(n)) {
      return null;
    }
    if (!n.isValueNode()) {
      problems.add(path(path, field), "expected a single value, got " + kind(n));
      return null;
    }
    return n.asText();
  }

  /** One value or a list of values, each non-blank; null when not given. */
  List<String> texts(JsonNode mapping, String field, String path, String what) {
    JsonNode n = mapping.get(field);
    String at = path(path, field);
    if (!given(n)) {
      return null;
    }
    if (n.isObject()) {
      problems.add(at, "expected a " + what + " or a list of them, got a mapping");
      return null;
    }
    List<String> out = new ArrayList<>();
    List<JsonNode> items = new ArrayList<>();
    if (n.isArray()) {
      n.forEach(items::add);
    } else {
      items.add(n);
    }
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String itemPath = n.isArray() ? at + "[" + i + "]" : at;
      if (!item.isValueNode() || item.isNull() || item.asText().isBlank()) {
        problems.add(itemPath, "expected a non-empty " + what + ", got " + kind(item));
      } else {
        out.add(item.asText().strip());
      }
    }
    return out;
  }

  Integer whole(JsonNode mapping, String field, String path, int min, int max) {
    String s = text(mapping, field, path);
    if (s == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(s.strip());
      if (n >= min && n <= max) {
        return n;
      }
      problems.add(path(path, field), "must be between " + min + " and " + max + ", got " + n);
    } catch (NumberFormatException e) {
      problems.add(path(path, field), "expected a whole number, got '" + s + "'");
    }
    return null;
  }

  Double number(JsonNode mapping, String field, String path) {
    String s = text(mapping, field, path);
    if (s == null) {
      return null;
    }
    try {
      return Double.parseDouble(s.strip());
    } catch (NumberFormatException e) {
      problems.add(path(path, field), "expected a number, got '" + s + "'");
      return null;
    }
  }

  Duration duration(JsonNode mapping, String field, String path) {
    String s = text(mapping, field, path);
    if (s == null) {
      return null;
    }
    try {
      return Durations.parse(s);
    } catch (IllegalArgumentException e) {
      problems.add(path(path, field), e.getMessage());
      return null;
    }
  }

  static String kind(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return "nothing";
    }
    if (n.isObject()) {
      return "a mapping";
    }
    return n.isArray() ? "a list" : "'" + n.asText() + "'";
  }

  /** Edit distance of at most 2, enough to catch typos without suggesting unrelated fields. */
  private static boolean close(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()] <= 2;
  }
}
