package io.nearflow.testing;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.nearflow.worktracker.RunAttributes;

/**
 * One Hazelcast member alone (no join, its own cluster name), with Nearflow's map attributes and
 * indexes: for tests of what the work tracker's maps do, without a Vert.x cluster around them.
 */
public final class SingleMember {
  private SingleMember() {}

  public static HazelcastInstance start(Class<?> testClass) {
    Config c = new Config().setClusterName(TestClusters.uniqueName(testClass));
    c.setProperty("hazelcast.phone.home.enabled", "false");
    c.setProperty("hazelcast.wait.seconds.before.join", "0");
    c.setProperty("hazelcast.logging.type", "jdk");
    c.getNetworkConfig().setPort(5901).setPortAutoIncrement(true).setPortCount(200);
    c.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    c.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
    c.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
    c.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(false);
    RunAttributes.declare(c);
    return Hazelcast.newHazelcastInstance(c);
  }
}
