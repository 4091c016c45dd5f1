package io.nearflow.workflow;

import static io.nearflow.workflow.FieldReader.given;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads workflow files (YAML, or JSON when the name ends in {@code .json}) and checks them.
 * Every problem is reported at once, each as {@code file:line: field: what}; see
 * {@link WorkflowValidationException}.
 *
 * <p>Steps form a chain in file order unless some step has a {@code follows} field; then the
 * file is a graph and every step without {@code follows} is an entry step. A file may carry
 * {@code version} and {@code registeredAt} (what {@link WorkflowDefinition#toJson()} writes, so
 * a fetched definition can be edited and submitted again), but they are ignored: the repository
 * assigns versions.
 */
public final class WorkflowParser {
  private static final List<String> WORKFLOW_FIELDS = List.of("name", "description", "version", "registeredAt", "steps");

  private WorkflowParser() {}

  /**
   * @param sourceName the file name used in messages
   * @param knownAdapters the adapter names a step's source and sink may use; null skips that check
   * @return the definition with version 0 (unassigned)
   */
  public static WorkflowDefinition parse(String content, String sourceName, Set<String> knownAdapters) {
    WorkflowDefinition read = read(content, sourceName, true, knownAdapters);
    return read.version() == 0 && read.registeredAt() == null ? read : read.registered(0, null);
  }

  /** Reads and parses a file; messages name it by its file name. */
  public static WorkflowDefinition parse(Path file, Set<String> knownAdapters) {
    String name = file.getFileName().toString();
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), name, knownAdapters);
    } catch (IOException e) {
      throw new WorkflowValidationException(List.of(name + ": cannot be read: " + e));
    }
  }

  /** The stored form, keeping version and registration time; adapters are not checked. */
  static WorkflowDefinition readStored(String json, String sourceName) {
    return read(json, sourceName, true, null);
  }

  static WorkflowDefinition fromJson(JsonObject json) {
    // The object has no lines; Problems then reports fields only.
    return read(json.encode(), "workflow JSON", false, null);
  }

  private static WorkflowDefinition read(String content, String source, boolean withLines, Set<String> adapters) {
    boolean json = source.endsWith(".json") || !withLines;
    LocatedTree tree = LocatedTree.read(content, source, json);
    Problems problems = new Problems(source, withLines ? tree.lines : Map.of());
    problems.addAll(tree.duplicates);
    FieldReader fields = new FieldReader(problems);
    JsonNode root = tree.root;
    if (!fields.isMapping(root, "", "a mapping with name and steps at the top")) {
      problems.throwIfAny();
    }
    fields.onlyFields(root, "", WORKFLOW_FIELDS, "a workflow");
    String name = fields.text(root, "name", "");
    if (name == null) {
      problems.add("name", "missing: a workflow needs a name");
    } else if (!WorkflowDefinition.NAME.matcher(name).matches()) {
      problems.add("name", "'" + name + "' is not a valid workflow name (letters, digits, '_', '.', '-'; starting with a letter or digit)");
    }
    String description = fields.text(root, "description", "");
    Integer version = fields.whole(root, "version", "", 0, Integer.MAX_VALUE);
    Instant registeredAt = instant(fields.text(root, "registeredAt", ""), problems);
    List<StepDefinition> steps = steps(root.get("steps"), new StepReader(fields, problems, adapters), problems);
    problems.addAll(StepGraph.problems(steps));
    problems.throwIfAny();
    return new WorkflowDefinition(name, version == null ? 0 : version, description, steps, registeredAt);
  }

  /** The steps with {@code follows} resolved: the chain default is filled in when no step has it. */
  private static List<StepDefinition> steps(JsonNode node, StepReader reader, Problems problems) {
    List<StepDefinition> steps = new ArrayList<>();
    if (!given(node) || node.isArray() && node.isEmpty()) {
      problems.add("steps", "a workflow needs at least one step");
      return steps;
    }
    if (!node.isArray()) {
      problems.add("steps", "expected a list of steps, got " + FieldReader.kind(node));
      return steps;
    }
    boolean graph = false;
    for (int i = 0; i < node.size(); i++) {
      steps.add(reader.read(node.get(i), "steps[" + i + "]"));
      graph |= node.get(i).has("follows");
    }
    if (!graph) {
      for (int i = 1; i < steps.size(); i++) {
        StepDefinition previous = steps.get(i - 1);
        if (steps.get(i) != null && previous != null) {
          steps.set(i, steps.get(i).withFollows(List.of(previous.name())));
        }
      }
    }
    return steps;
  }

  private static Instant instant(String text, Problems problems) {
    try {
      return text == null ? null : Instant.parse(text.strip());
    } catch (DateTimeParseException e) {
      problems.add("registeredAt", "expected an ISO-8601 instant like 2025-01-31T12:00:00Z, got '" + text + "'");
      return null;
    }
  }
}
