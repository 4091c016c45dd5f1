package io.nearflow.workflow;

import static io.nearflow.workflow.FieldReader.given;
import static io.nearflow.workflow.FieldReader.path;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one step of a workflow file: its fields, placement, params and retry policy, reporting
 * every problem against the field's path. The edges between steps are checked afterwards, on
 * all steps together ({@link StepGraph#problems}).
 */
final class StepReader {
  static final List<String> STEP_FIELDS =
      List.of("name", "type", "source", "sink", "follows", "placement", "params", "retry", "timeout");
  private static final List<String> PLACEMENT_FIELDS = List.of("zones", "hosts");
  private static final List<String> RETRY_FIELDS = List.of("maxAttempts", "backoff", "maxBackoff", "multiplier");

  private final FieldReader fields;
  private final Problems problems;
  private final Set<String> knownAdapters;

  /** {@code knownAdapters} null skips the adapter check (stored definitions: adapters come and go). */
  StepReader(FieldReader fields, Problems problems, Set<String> knownAdapters) {
    this.fields = fields;
    this.problems = problems;
    this.knownAdapters = knownAdapters == null ? null : new TreeSet<>(knownAdapters);
  }

  /**
   * The step, with its {@code follows} as written (empty when absent); null when it has no usable
   * name, since other steps cannot refer to it. A missing type still yields a step (with a
   * placeholder type that never leaves the parser) so that its followers are not also reported.
   */
  StepDefinition read(JsonNode node, String at) {
    if (!fields.isMapping(node, at, "a step (a mapping with name, type, ...)")) {
      return null;
    }
    fields.onlyFields(node, at, STEP_FIELDS, "a step");
    String name = fields.text(node, "name", at);
    if (name == null) {
      problems.add(path(at, "name"), "missing: every step needs a name");
    } else if (!WorkflowDefinition.NAME.matcher(name).matches()) {
      problems.add(path(at, "name"), "'" + name + "' is not a valid step name (letters, digits, '_', '.', '-'; starting with a letter or digit)");
    }
    String type = fields.text(node, "type", at);
    if (type == null) {
      problems.add(path(at, "type"), "missing: which step type runs this step (e.g. shuffle, echo)?");
    } else if (!WorkflowDefinition.NAME.matcher(type).matches()) {
      problems.add(path(at, "type"), "'" + type + "' is not a valid step type name");
    }
    String source = adapter(node, "source", at);
    String sink = adapter(node, "sink", at);
    List<String> follows = fields.texts(node, "follows", at, "step name");
    Placement placement = placement(node.get("placement"), path(at, "placement"));
    Map<String, String> params = params(node.get("params"), path(at, "params"));
    RetryPolicy retry = retry(node.get("retry"), path(at, "retry"));
    Duration timeout = fields.duration(node, "timeout", at);
    if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
      problems.add(path(at, "timeout"), "must be more than zero");
      timeout = null;
    }
    if (name == null) {
      return null;
    }
    return new StepDefinition(name, type == null ? "?" : type, source, sink, follows, placement, params, retry, timeout);
  }

  private String adapter(JsonNode node, String field, String at) {
    String name = fields.text(node, field, at);
    String adapter = name == null ? StepDefinition.DEFAULT_ADAPTER : name.strip();
    if (knownAdapters != null && !knownAdapters.contains(adapter)) {
      problems.add(path(at, field), "unknown adapter '" + adapter + "' (adapters: " + String.join(", ", knownAdapters) + ")");
    }
    return adapter;
  }

  private Placement placement(JsonNode node, String at) {
    if (!given(node) || !fields.isMapping(node, at, "a mapping with zones and/or hosts")) {
      return Placement.ANYWHERE;
    }
    fields.onlyFields(node, at, PLACEMENT_FIELDS, "placement");
    return new Placement(fields.texts(node, "zones", at, "zone name"), fields.texts(node, "hosts", at, "host id"));
  }

  private Map<String, String> params(JsonNode node, String at) {
    Map<String, String> params = new LinkedHashMap<>();
    if (!given(node) || !fields.isMapping(node, at, "a mapping of parameter names to values")) {
      return params;
    }
    node.fields().forEachRemaining(e -> {
      JsonNode v = e.getValue();
      if (v.isValueNode() && !v.isNull()) {
        params.put(e.getKey(), v.asText());
      } else {
        problems.add(path(at, e.getKey()), "expected a plain value (text, number or true/false), got " + FieldReader.kind(v));
      }
    });
    return params;
  }

  private RetryPolicy retry(JsonNode node, String at) {
    if (!given(node) || !fields.isMapping(node, at, "a mapping with maxAttempts, backoff, maxBackoff")) {
      return RetryPolicy.DEFAULT;
    }
    fields.onlyFields(node, at, RETRY_FIELDS, "retry");
    RetryPolicy d = RetryPolicy.DEFAULT;
    Integer attempts = fields.whole(node, "maxAttempts", at, 1, RetryPolicy.MAX_ATTEMPTS_LIMIT);
    Duration backoff = fields.duration(node, "backoff", at);
    Duration maxBackoff = fields.duration(node, "maxBackoff", at);
    Double multiplier = fields.number(node, "multiplier", at);
    Duration first = backoff == null ? d.initialBackoff() : backoff;
    // A long first backoff raises the default cap instead of contradicting it.
    Duration cap = maxBackoff == null ? max(d.maxBackoff(), first) : maxBackoff;
    boolean ok = true;
    if (maxBackoff != null && maxBackoff.compareTo(first) < 0) {
      problems.add(path(at, "maxBackoff"), "must be at least backoff (" + Durations.format(first) + ")");
      ok = false;
    }
    if (multiplier != null && (!(multiplier >= 1.0) || multiplier.isInfinite())) {
      problems.add(path(at, "multiplier"), "must be 1.0 or more, got " + multiplier);
      ok = false;
    }
    if (!ok) {
      return d;
    }
    return new RetryPolicy(attempts == null ? d.maxAttempts() : attempts, first, cap,
        multiplier == null ? d.multiplier() : multiplier);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
