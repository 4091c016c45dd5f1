package io.nearflow.node;

import io.nearflow.config.Settings;
import io.nearflow.routing.TopologySpec;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * A node's settings, validated. Built by {@link NodeConfigLoader}; a {@code NodeConfig} that
 * exists is consistent (its zone is in its topology, its member list is usable, its roles fit).
 *
 * @param settings every raw setting with its origin, for sections read by the role verticles
 */
public record NodeConfig(
    String clusterName,
    String bindHost,
    int clusterPort,
    List<String> members,
    Optional<Path> hazelcastConfig,
    String nodeId,
    String zone,
    String host,
    EnumSet<Role> roles,
    String topologyRef,
    TopologySpec topology,
    Path dataDir,
    int httpPort,
    int grpcPort,
    Settings settings) {

  public NodeConfig {
    members = List.copyOf(members);
    roles = EnumSet.copyOf(roles);
  }

  public boolean runs(Role role) {
    return roles.contains(role);
  }

  /** The host:port other members reach this node's Hazelcast member at. */
  public String memberAddress() {
    return bindHost + ":" + clusterPort;
  }
}
