package io.nearflow.workflow;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A named, versioned workflow: its steps and the edges between them. Immutable.
 *
 * <p>Read like a record ({@code name()}, {@code version()}, ...), but a class because it carries
 * its step graph, computed once at construction: the orchestrator asks {@link #next} on every
 * hop. Construction refuses what the graph cannot hold (duplicate names, unknown follows,
 * cycles, a bad name), so every instance is safe to route with and to store under its name.
 */
public final class WorkflowDefinition {
  /** Workflow and step names: also a directory name in the repository, hence no dots first. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  private final String name;
  private final int version;
  private final String description;
  private final List<StepDefinition> steps;
  private final Instant registeredAt;
  private final StepGraph graph;

  /**
   * @param version 0 until the repository assigns one (1, 2, ...)
   * @param description free text, empty when absent
   * @param registeredAt when the repository stored this version; null before that
   */
  public WorkflowDefinition(String name, int version, String description, List<StepDefinition> steps, Instant registeredAt) {
    this.name = Objects.requireNonNull(name, "name");
    this.version = version;
    this.description = description == null ? "" : description;
    this.steps = List.copyOf(steps);
    this.registeredAt = registeredAt;
    List<String> problems = new ArrayList<>();
    String who = "workflow '" + name + "'";
    if (!NAME.matcher(name).matches()) {
      problems.add(who + ": name: must match " + NAME.pattern());
    }
    if (version < 0) {
      problems.add(who + ": version: must be 0 (unassigned) or more, got " + version);
    }
    if (this.steps.isEmpty()) {
      problems.add(who + ": steps: a workflow needs at least one step");
    }
    StepGraph.problems(this.steps).forEach(p -> problems.add(who + ": " + p.path() + ": " + p.message()));
    if (!problems.isEmpty()) {
      throw new WorkflowValidationException(problems);
    }
    this.graph = new StepGraph(this.steps);
  }

  public String name() {
    return name;
  }

  public int version() {
    return version;
  }

  public String description() {
    return description;
  }

  /** In file order. */
  public List<StepDefinition> steps() {
    return steps;
  }

  /** Null until registered. */
  public Instant registeredAt() {
    return registeredAt;
  }

  /** Where a run starts: the steps that follow nothing, in file order. */
  public List<StepDefinition> entrySteps() {
    return graph.entries();
  }

  /**
   * The steps that consume the outputs of {@code stepName}, in file order. Every output of a hop
   * continues on its own to each of them (fan-out); an empty list means the step is final.
   */
  public List<StepDefinition> next(String stepName) {
    List<StepDefinition> next = graph.next(stepName);
    if (next == null) {
      throw noSuchStep(stepName);
    }
    return next;
  }

  /** Whether a step's outputs end the run (nothing consumes them). */
  public boolean isFinal(String stepName) {
    return next(stepName).isEmpty();
  }

  public StepDefinition step(String stepName) {
    StepDefinition s = graph.byName().get(stepName);
    if (s == null) {
      throw noSuchStep(stepName);
    }
    return s;
  }

  public boolean hasStep(String stepName) {
    return graph.byName().containsKey(stepName);
  }

  /** This definition as the repository stores it. */
  public WorkflowDefinition registered(int newVersion, Instant at) {
    return new WorkflowDefinition(name, newVersion, description, steps, at);
  }

  /** Same workflow, ignoring version and registration time: re-registering it changes nothing. */
  public boolean sameContent(WorkflowDefinition other) {
    return name.equals(other.name) && description.equals(other.description) && steps.equals(other.steps);
  }

  /**
   * Placement zones that are not zones of the topology, one line each ({@code shuffle4:
   * steps[3].placement.zones: unknown zone 'cloud9' (zones: edge1, edge2, cloud1)}); empty when
   * all are known. The parser cannot check this: only the node knows its topology.
   */
  public List<String> validateZones(Set<String> knownZones) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      for (String zone : steps.get(i).placement().zones()) {
        if (!knownZones.contains(zone)) {
          problems.add(name + ": steps[" + i + "].placement.zones: unknown zone '" + zone
              + "' (zones: " + String.join(", ", knownZones) + ")");
        }
      }
    }
    return problems;
  }

  /** The wire and store form; also a valid workflow file (with every default spelled out). */
  public JsonObject toJson() {
    return WorkflowJson.write(this);
  }

  /** Reads {@link #toJson()}'s form; throws {@link WorkflowValidationException} naming the field. */
  public static WorkflowDefinition fromJson(JsonObject json) {
    return WorkflowParser.fromJson(json);
  }

  private IllegalArgumentException noSuchStep(String stepName) {
    return new IllegalArgumentException("workflow '" + name + "' v" + version + " has no step '" + stepName
        + "' (steps are: " + String.join(", ", graph.byName().keySet()) + ")");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WorkflowDefinition w && version == w.version && sameContent(w)
        && Objects.equals(registeredAt, w.registeredAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, version, description, steps, registeredAt);
  }

  @Override
  public String toString() {
    return "WorkflowDefinition[" + name + " v" + version + ", steps=" + graph.byName().keySet() + "]";
  }
}
