package io.nearflow.workflow;

import io.nearflow.workflow.Problems.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The edges between a workflow's steps, computed once so the orchestrator's per-hop questions
 * (where does a run start, what consumes this step's outputs, is this the last step) are map
 * reads. {@link #problems} is the one place that decides whether steps form a valid graph.
 */
final class StepGraph {
  private final Map<String, StepDefinition> byName;
  private final Map<String, List<StepDefinition>> next;
  private final List<StepDefinition> entries;

  /** {@code steps} must have no {@link #problems}. */
  StepGraph(List<StepDefinition> steps) {
    Map<String, StepDefinition> names = new LinkedHashMap<>();
    Map<String, List<StepDefinition>> successors = new HashMap<>();
    steps.forEach(s -> {
      names.put(s.name(), s);
      successors.put(s.name(), new ArrayList<>());
    });
    List<StepDefinition> roots = new ArrayList<>();
    for (StepDefinition s : steps) {
      s.follows().forEach(f -> successors.get(f).add(s));
      if (s.isEntry()) {
        roots.add(s);
      }
    }
    this.byName = Collections.unmodifiableMap(names);
    Map<String, List<StepDefinition>> frozen = new HashMap<>();
    successors.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    this.next = Map.copyOf(frozen);
    this.entries = List.copyOf(roots);
  }

  Map<String, StepDefinition> byName() {
    return byName;
  }

  List<StepDefinition> entries() {
    return entries;
  }

  /** Null when there is no such step. */
  List<StepDefinition> next(String step) {
    return next.get(step);
  }

  /**
   * Duplicate names, unknown or repeated {@code follows}, and cycles. A null entry is a step that
   * was already reported as unusable (no name): it is skipped, keeping the others' indexes.
   */
  static List<Problem> problems(List<StepDefinition> steps) {
    List<Problem> out = new ArrayList<>();
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      StepDefinition s = steps.get(i);
      if (s != null) {
        Integer first = index.putIfAbsent(s.name(), i);
        if (first != null) {
          out.add(new Problem("steps[" + i + "].name",
              "duplicate step name '" + s.name() + "' (also steps[" + first + "])"));
        }
      }
    }
    Map<String, List<String>> successors = new HashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      StepDefinition s = steps.get(i);
      if (s == null) {
        continue;
      }
      Set<String> seen = new HashSet<>();
      for (String f : s.follows()) {
        String path = "steps[" + i + "].follows";
        if (!index.containsKey(f)) {
          out.add(new Problem(path, "unknown step '" + f + "' (steps are: " + String.join(", ", index.keySet()) + ")"));
        } else if (!seen.add(f)) {
          out.add(new Problem(path, "'" + f + "' is listed twice"));
        } else {
          successors.computeIfAbsent(f, k -> new ArrayList<>()).add(s.name());
        }
      }
    }
    // With a name given twice the edges are ambiguous (and the chain default makes the second
    // follow the first, a cycle of one): report the names, not cycles that are not there.
    if (index.size() == steps.stream().filter(Objects::nonNull).count()) {
      new CycleFinder(successors, index, out).run();
    }
    return out;
  }

  /** Depth-first search over "is consumed by" edges; a step met again while still open closes a cycle. */
  private record CycleFinder(Map<String, List<String>> successors, Map<String, Integer> index, List<Problem> out) {
    void run() {
      Set<String> done = new HashSet<>();
      List<String> open = new ArrayList<>();
      index.keySet().forEach(step -> visit(step, open, done));
    }

    private void visit(String step, List<String> open, Set<String> done) {
      if (done.contains(step)) {
        return;
      }
      int at = open.indexOf(step);
      if (at >= 0) {
        List<String> cycle = new ArrayList<>(open.subList(at, open.size()));
        cycle.add(step);
        // The cycle's first step names the last one in its follows: that is the edge to cut.
        out.add(new Problem("steps[" + index.get(step) + "].follows", "cycle " + String.join(" -> ", cycle)));
        return;
      }
      open.add(step);
      successors.getOrDefault(step, List.of()).forEach(n -> visit(n, open, done));
      open.remove(open.size() - 1);
      done.add(step);
    }
  }
}
