package io.nearflow.step;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a step instance is implemented; the config spells it in lower case. */
public enum StepKind {
  /** A {@link JavaStep} on the agent's worker threads. */
  JAVA,
  /** An external long-lived process speaking the gRPC compute protocol, supervised by the agent. */
  PROCESS,
  /** A command run once per hop. */
  COMMAND;

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<StepKind> fromConfigName(String name) {
    return Arrays.stream(values()).filter(k -> k.configName().equals(name)).findFirst();
  }

  /** {@code java, process, command}: for error messages. */
  public static String choices() {
    return Arrays.stream(values()).map(StepKind::configName).collect(Collectors.joining(", "));
  }
}
