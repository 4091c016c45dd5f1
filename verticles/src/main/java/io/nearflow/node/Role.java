package io.nearflow.node;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a node runs: the five components, plus the public APIs and the host's data adapter. */
public enum Role {
  // Declared in deployment order: a role starts after the roles it uses on the same node.
  DISTANCE("distance"),
  DATA_MASTER("data-master"),
  WORK_TRACKER("work-tracker"),
  ADAPTER("adapter"),
  AGENT("agent"),
  ORCHESTRATOR("orchestrator"),
  API("api");

  private final String id;

  Role(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Optional<Role> byId(String id) {
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(r -> r.id.equals(wanted)).findFirst();
  }

  public static EnumSet<Role> all() {
    return EnumSet.allOf(Role.class);
  }

  public static String ids() {
    return Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return id;
  }
}
