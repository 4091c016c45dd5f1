package io.nearflow.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void ports_are_distinct_bindable_and_below_the_ephemeral_range() throws IOException {
    List<Integer> ports = FreePorts.find("127.0.0.1", 12);

    assertThat(ports).hasSize(12).doesNotHaveDuplicates()
        .allSatisfy(p -> assertThat(p).isBetween(FreePorts.LOWEST, FreePorts.ephemeralRangeLow() - 1));
    List<ServerSocket> bound = new ArrayList<>();
    try {
      for (int p : ports) {
        ServerSocket s = new ServerSocket();
        bound.add(s);
        s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), p));
      }
    } finally {
      for (ServerSocket s : bound) {
        s.close();
      }
    }
  }

  @Test
  void a_port_someone_listens_on_is_never_handed_out() throws IOException {
    int port = FreePorts.find("127.0.0.1", 1).get(0);
    try (ServerSocket listener = new ServerSocket()) {
      listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
      assertThatThrownBy(() -> FreePorts.find("127.0.0.1", 1, port, port + 1))
          .isInstanceOf(UncheckedIOException.class).hasMessageContaining("no 1 free ports on 127.0.0.1");
    }
    assertThat(FreePorts.find("127.0.0.1", 1, port, port + 1)).containsExactly(port);
  }

  @Test
  void a_member_whose_port_was_taken_is_recognised_so_the_cluster_starts_again() {
    HazelcastException hz = new HazelcastException("Cannot bind to a given address: /127.0.0.1. "
        + "Hazelcast cannot start. Port [37771] is already in use and auto-increment is disabled.");
    assertThat(EmbeddedCluster.portTaken(new RuntimeException("node edge2-a failed", hz))).isTrue();
    assertThat(EmbeddedCluster.portTaken(new java.net.BindException("Address already in use"))).isTrue();
    assertThat(EmbeddedCluster.portTaken(new IllegalStateException("topology has no zone edge3"))).isFalse();
  }
}
