package io.nearflow.node;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MemberAttributeConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.XmlConfigBuilder;
import io.nearflow.cluster.ClusterView;
import io.nearflow.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the Hazelcast {@link Config} for one node: {@code cluster-config/hazelcast.xml} (or the
 * file named by {@code cluster.hazelcastConfig}), then the node's own cluster name, port,
 * advertised address, seed members and identity attributes on top.
 */
final class HazelcastSettings {
  private static final String BUILTIN = "nearflow/cluster-config/hazelcast.xml";

  private HazelcastSettings() {}

  static Config build(NodeConfig node) {
    Config config = load(node);
    config.setClusterName(node.clusterName());
    // One JVM may hold several embedded nodes: instance names must differ.
    config.setInstanceName("nearflow-" + node.nodeId());
    config.setProperty("hazelcast.socket.bind.any", "false");

    NetworkConfig network = config.getNetworkConfig();
    network.setPort(node.clusterPort()).setPortAutoIncrement(false);
    // A node restarted at once (systemd Restart=, an edge box rebooting its service) must be able
    // to bind its fixed port while the previous process's connections sit in TIME_WAIT.
    network.setReuseAddress(true);
    network.setPublicAddress(node.memberAddress());
    network.getInterfaces().setEnabled(true).clear().addInterface(node.bindHost());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(node.members());

    // Nodes that hold no cluster state (edge boxes running only agent/adapter/api/distance) join
    // as lite members: they own no partitions, so a bus dropping off 4G moves no data around.
    boolean holdsState = node.runs(Role.ORCHESTRATOR) || node.runs(Role.WORK_TRACKER) || node.runs(Role.DATA_MASTER);
    config.setLiteMember(!holdsState);

    sizeThreadsForSmallHosts(config, Runtime.getRuntime().availableProcessors());
    io.nearflow.worktracker.RunAttributes.declare(config);
    config.getMapConfig("nearflow.workflows").getMergePolicyConfig()
        .setPolicy(io.nearflow.orchestrator.WorkflowHistoryMergePolicy.class.getName());

    MemberAttributeConfig attributes = new MemberAttributeConfig();
    if (zoneAwareBackups(node.settings())) {
      // Each partition's backup on a member of another zone than its primary: losing a whole zone
      // loses no cluster-map entry. Backups then cross the WAN (the maps are fed behind the hop, so
      // no hop waits on them); with data members in one zone only, Hazelcast keeps no backups.
      config.getPartitionGroupConfig().setEnabled(true)
          .setGroupType(com.hazelcast.config.PartitionGroupConfig.MemberGroupType.ZONE_AWARE);
      attributes.setAttribute(com.hazelcast.spi.partitiongroup.PartitionGroupMetaData.PARTITION_GROUP_ZONE, node.zone());
    }
    attributes.setAttribute(ClusterView.ATTR_NODE_ID, node.nodeId());
    attributes.setAttribute(ClusterView.ATTR_ZONE, node.zone());
    attributes.setAttribute(ClusterView.ATTR_HOST, node.host());
    attributes.setAttribute(ClusterView.ATTR_ROLES,
        node.roles().stream().map(Role::id).collect(Collectors.joining(",")));
    config.setMemberAttributeConfig(attributes);
    return config;
  }

  /**
   * Hazelcast sizes its thread pools for servers: 3 input and 3 output I/O threads, 5 event
   * threads and 2 response threads per member, whatever the cores. On the 2-4 core boxes Nearflow
   * runs on at the edge, most of them wait, and each message handed between them costs a wake-up.
   * With at most 4 cores a node uses 1 response thread and 1 event thread (2 on 3-4 cores).
   * Measured in the micro bench (3 members on 2 cores, two alternating pairs of runs, each after
   * the JIT had settled), together with 1 I/O thread each way: 153 -> 185 hops/s (medians), CPU per
   * hop 11.7 -> 9.7 ms, half-load control p99 23 -> 9.4 ms.
   *
   * <p>The I/O threads stay at Hazelcast's default (3 each way): with one input thread, cutting one
   * zone off in the WAN emulation (bench/wan.sh, 30 s cut of edge1) also split the two zones that
   * were never cut (edge2 and cloud1 each stopped hearing the other's heartbeats the moment the
   * cut-off members were removed, and each formed a one-member cluster), and the outbox drained
   * 96 s after the heal; with 3 they stayed together and it drained in 17-24 s (two runs each way
   * on 2026-12-07). A value set in the Hazelcast XML or as a system property wins.
   */
  static void sizeThreadsForSmallHosts(Config config, int cores) {
    if (cores > 4) {
      return;
    }
    Map<String, String> small = Map.of(
        "hazelcast.operation.response.thread.count", "1",
        "hazelcast.event.thread.count", cores <= 2 ? "1" : "2");
    small.forEach((name, value) -> {
      if (config.getProperty(name) == null && System.getProperty(name) == null) {
        config.setProperty(name, value);
      }
    });
  }

  /** {@code cluster.zoneAwareBackups}: {@code true} or {@code false} (the default). */
  static boolean zoneAwareBackups(io.nearflow.config.Settings settings) {
    return settings.string("cluster.zoneAwareBackups").map(v -> switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw io.nearflow.config.Settings.error("cluster.zoneAwareBackups",
          settings.get("cluster.zoneAwareBackups").orElseThrow(), "must be true or false");
    }).orElse(false);
  }

  private static Config load(NodeConfig node) {
    try (InputStream in = node.hazelcastConfig().isPresent()
        ? Files.newInputStream(node.hazelcastConfig().get())
        : HazelcastSettings.class.getClassLoader().getResourceAsStream(BUILTIN)) {
      if (in == null) {
        throw new ConfigException("the built-in " + BUILTIN + " is missing from the class path");
      }
      return new XmlConfigBuilder(in).build();
    } catch (IOException | RuntimeException e) {
      if (e instanceof ConfigException ce) {
        throw ce;
      }
      throw new ConfigException("cluster.hazelcastConfig: cannot load " + node.hazelcastConfig().map(Object::toString)
          .orElse(BUILTIN) + ": " + e.getMessage());
    }
  }
}
