package io.nearflow.workflow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Collects what is wrong with a definition, each against a field path ({@code steps[2].follows}),
 * and formats each as one line {@code file:line: field: what}. The line is looked up from the
 * path, falling back to the nearest enclosing field, so a missing field points at its step.
 */
final class Problems {
  /**
   * One problem before it knows its file; {@code path} is empty for the whole file. The line is
   * looked up from the path unless given (0 = look it up).
   */
  record Problem(String path, String message, int line) {
    Problem(String path, String message) {
      this(path, message, 0);
    }
  }

  private record Located(int line, int order, String text) {}

  private final String source;
  private final Map<String, Integer> lines;
  private final List<Located> found = new ArrayList<>();

  /** {@code lines} maps field paths to 1-based lines; empty when the input has no lines (JSON objects). */
  Problems(String source, Map<String, Integer> lines) {
    this.source = source;
    this.lines = lines;
  }

  void add(String path, String message) {
    add(path, message, 0);
  }

  private void add(String path, String message, int knownLine) {
    int line = knownLine > 0 && !lines.isEmpty() ? knownLine : lineOf(path);
    String where = line > 0 ? source + ":" + line : source;
    String field = path.isEmpty() ? "" : path + ": ";
    found.add(new Located(line, found.size(), where + ": " + field + message));
  }

  void addAll(List<Problem> problems) {
    problems.forEach(p -> add(p.path(), p.message(), p.line()));
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  /** All problems in file order (problems of the whole file first), ties in the order found. */
  List<String> lines() {
    return found.stream()
        .sorted(Comparator.comparingInt(Located::line).thenComparingInt(Located::order))
        .map(Located::text)
        .toList();
  }

  void throwIfAny() {
    if (!found.isEmpty()) {
      throw new WorkflowValidationException(lines());
    }
  }

  private int lineOf(String path) {
    String p = path;
    while (true) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      if (p.isEmpty()) {
        return 0;
      }
      p = parent(p);
    }
  }

  /** {@code steps[2].retry.backoff} -> {@code steps[2].retry} -> {@code steps[2]} -> {@code steps} -> "". */
  static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }
}
