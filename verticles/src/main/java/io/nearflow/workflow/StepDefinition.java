package io.nearflow.workflow;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a workflow.
 *
 * @param name unique within the workflow
 * @param type the step type that processes the data ({@code shuffle}, {@code blur})
 * @param source the data adapter the step's input is pulled from
 * @param sink the data adapter the step's outputs are pushed to
 * @param follows the steps whose outputs this step consumes, already resolved: a file without
 *     any {@code follows} is a chain, and the parser fills in the previous step here. Empty
 *     means an entry step. Following several steps is fan-in without a join: each output of
 *     each of them becomes its own hop of this step.
 * @param placement where the step's instances may run
 * @param params step-type parameters, passed through to the step as strings
 * @param retry how a failed hop is tried again
 * @param timeout how long one hop may take before it counts as failed
 */
public record StepDefinition(
    String name,
    String type,
    String source,
    String sink,
    List<String> follows,
    Placement placement,
    Map<String, String> params,
    RetryPolicy retry,
    Duration timeout) {

  public static final String DEFAULT_ADAPTER = "local-fs";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  /** Null means "the default" for every field but name and type, so code can build steps tersely. */
  public StepDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    source = source == null ? DEFAULT_ADAPTER : source;
    sink = sink == null ? DEFAULT_ADAPTER : sink;
    follows = follows == null ? List.of() : List.copyOf(follows);
    placement = placement == null ? Placement.ANYWHERE : placement;
    // Keep the file's order for params: the JSON form and error messages read better.
    params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    retry = retry == null ? RetryPolicy.DEFAULT : retry;
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("step '" + name + "': timeout must be more than zero");
    }
  }

  /** A step with default adapters, placement, retry and timeout. */
  public static StepDefinition of(String name, String type, String... follows) {
    return new StepDefinition(name, type, null, null, List.of(follows), null, null, null, null);
  }

  public StepDefinition withFollows(List<String> steps) {
    return new StepDefinition(name, type, source, sink, steps, placement, params, retry, timeout);
  }

  public StepDefinition withPlacement(Placement where) {
    return new StepDefinition(name, type, source, sink, follows, where, params, retry, timeout);
  }

  public boolean isEntry() {
    return follows.isEmpty();
  }
}
