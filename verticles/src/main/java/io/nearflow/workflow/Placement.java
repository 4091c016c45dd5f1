package io.nearflow.workflow;

import java.util.List;

/**
 * Where a step's instances may run: a list of allowed zones and optionally of allowed hosts.
 * An empty list allows everything, so {@link #ANYWHERE} is the default. Whether the zones exist
 * in the topology is checked by the caller that knows it ({@link WorkflowDefinition#validateZones}).
 */
public record Placement(List<String> zones, List<String> hosts) {
  public static final Placement ANYWHERE = new Placement(List.of(), List.of());

  public Placement {
    zones = zones == null ? List.of() : List.copyOf(zones);
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
  }

  public static Placement zones(String... zones) {
    return new Placement(List.of(zones), List.of());
  }

  public boolean isAnywhere() {
    return zones.isEmpty() && hosts.isEmpty();
  }

  /**
   * Whether an instance at this zone and host may run the step. The lists are a handful of
   * entries, so a linear scan beats hashing on the routing path.
   */
  public boolean allows(String zone, String host) {
    // List.copyOf lists throw on contains(null): an unset part only passes an empty list.
    return (zones.isEmpty() || zone != null && zones.contains(zone))
        && (hosts.isEmpty() || host != null && hosts.contains(host));
  }
}
