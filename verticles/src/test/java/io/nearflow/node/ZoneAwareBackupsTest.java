package io.nearflow.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.config.PartitionGroupConfig;
import com.hazelcast.spi.partitiongroup.PartitionGroupMetaData;
import io.nearflow.config.ConfigException;
import io.nearflow.config.Settings;
import org.junit.jupiter.api.Test;

/** {@code cluster.zoneAwareBackups}: a partition's backup goes to another zone than its primary. */
class ZoneAwareBackupsTest {

  private static Settings node(String zoneAware) {
    Settings s = new Settings().put("node.id", "edge1-a", "test").put("node.zone", "edge1", "test")
        .put("node.host", "edge1-a", "test").put("node.roles", "all", "test").put("topology", "paper", "test")
        .put("cluster.members", java.util.List.of("127.0.0.1:5701"), "test");
    if (zoneAware != null) {
      s.put("cluster.zoneAwareBackups", zoneAware, "test");
    }
    return s;
  }

  @Test
  void when_on_members_are_grouped_by_their_zone() {
    Config config = HazelcastSettings.build(NodeConfigLoader.bind(node("true")));
    PartitionGroupConfig groups = config.getPartitionGroupConfig();
    assertThat(groups.isEnabled()).isTrue();
    assertThat(groups.getGroupType()).isEqualTo(PartitionGroupConfig.MemberGroupType.ZONE_AWARE);
    assertThat(config.getMemberAttributeConfig().getAttribute(PartitionGroupMetaData.PARTITION_GROUP_ZONE))
        .isEqualTo("edge1");
  }

  @Test
  void off_by_default() {
    Config config = HazelcastSettings.build(NodeConfigLoader.bind(node(null)));
    assertThat(config.getPartitionGroupConfig().isEnabled()).isFalse();
  }

  @Test
  void a_value_other_than_true_or_false_is_refused_with_the_key() {
    assertThatThrownBy(() -> HazelcastSettings.build(NodeConfigLoader.bind(node("yes please"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cluster.zoneAwareBackups");
  }
}
