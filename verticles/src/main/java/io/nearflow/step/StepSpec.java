package io.nearflow.step;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How an agent's config declares one step instance's implementation (one item of the agent's
 * instance list). Parse config with {@link #fromMap}; build in code with the static helpers.
 *
 * @param type      the step type name the instance serves
 * @param slots     the instance's concurrency limit (default {@value #DEFAULT_SLOTS})
 * @param kind      {@code java} (default), {@code process} or {@code command}
 * @param className java only: fully qualified {@link JavaStep} class; empty = the built-in or
 *                  ServiceLoader-registered implementation for {@code type}
 * @param command   process/command only: the program and its arguments (command kind: with
 *                  {@code {input}}, {@code {outputDir}}, {@code {hopId}}, {@code {param.NAME}})
 * @param env       process/command only: extra environment variables
 * @param workDir   process/command only: working directory (default: the agent's for a
 *                  process, the hop's output directory for a command)
 */
public record StepSpec(
    String type, int slots, StepKind kind, Optional<String> className,
    List<String> command, Map<String, String> env, Optional<Path> workDir) {

  public static final int DEFAULT_SLOTS = 3;

  public StepSpec {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(className, "className");
    command = List.copyOf(command);
    env = Map.copyOf(env);
    Objects.requireNonNull(workDir, "workDir");
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be >= 1: " + slots);
    }
    if (kind != StepKind.JAVA && command.isEmpty()) {
      throw new IllegalArgumentException("a " + kind.configName() + " step needs a command");
    }
  }

  /**
   * Parses one config list item, e.g. {@code {type: upper, kind: process, command: [python3,
   * upper_step.py]}}. Unknown fields are rejected, so a typo never silently changes behaviour.
   *
   * @param where the item's place in the config, used as the prefix of every error, e.g.
   *              {@code agent.instances[2]}
   * @throws io.nearflow.config.ConfigException one line naming the field and what is wrong
   */
  public static StepSpec fromMap(Map<String, ?> item, String where) {
    return StepSpecParser.parse(item, where);
  }

  /** A built-in or ServiceLoader-registered {@link JavaStep}. */
  public static StepSpec java(String type, int slots) {
    return new StepSpec(type, slots, StepKind.JAVA, Optional.empty(), List.of(), Map.of(), Optional.empty());
  }

  /** An external compute process started with {@code command}. */
  public static StepSpec process(String type, int slots, List<String> command) {
    return new StepSpec(type, slots, StepKind.PROCESS, Optional.empty(), command, Map.of(), Optional.empty());
  }

  /** A command run once per hop. */
  public static StepSpec command(String type, int slots, List<String> command) {
    return new StepSpec(type, slots, StepKind.COMMAND, Optional.empty(), command, Map.of(), Optional.empty());
  }

  public StepSpec withEnv(Map<String, String> newEnv) {
    return new StepSpec(type, slots, kind, className, command, newEnv, workDir);
  }

  public StepSpec withWorkDir(Path dir) {
    return new StepSpec(type, slots, kind, className, command, env, Optional.of(dir));
  }
}
