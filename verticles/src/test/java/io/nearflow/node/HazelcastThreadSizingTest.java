package io.nearflow.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import org.junit.jupiter.api.Test;

class HazelcastThreadSizingTest {

  @Test
  void a_two_core_edge_box_runs_one_response_and_one_event_thread_and_keeps_the_default_io_threads() {
    Config config = new Config();
    HazelcastSettings.sizeThreadsForSmallHosts(config, 2);
    // one input thread let a cut of one zone split the others too (see HazelcastSettings)
    assertThat(config.getProperty("hazelcast.io.thread.count")).isNull();
    assertThat(config.getProperty("hazelcast.operation.response.thread.count")).isEqualTo("1");
    assertThat(config.getProperty("hazelcast.event.thread.count")).isEqualTo("1");
  }

  @Test
  void four_cores_keep_two_event_threads() {
    Config config = new Config();
    HazelcastSettings.sizeThreadsForSmallHosts(config, 4);
    assertThat(config.getProperty("hazelcast.event.thread.count")).isEqualTo("2");
  }

  @Test
  void servers_keep_hazelcasts_own_sizing() {
    Config config = new Config();
    HazelcastSettings.sizeThreadsForSmallHosts(config, 16);
    assertThat(config.getProperty("hazelcast.io.thread.count")).isNull();
    assertThat(config.getProperty("hazelcast.event.thread.count")).isNull();
  }

  @Test
  void a_value_from_the_hazelcast_xml_wins() {
    Config config = new Config().setProperty("hazelcast.event.thread.count", "3");
    HazelcastSettings.sizeThreadsForSmallHosts(config, 2);
    assertThat(config.getProperty("hazelcast.event.thread.count")).isEqualTo("3");
  }
}
