package io.nearflow.bench.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * TCP segments sent by this machine (all processes), from /proc/net/snmp. Every event-bus
 * message, Hazelcast operation, backup and event between nodes crosses loopback TCP even when
 * the nodes share a JVM, so segments per hop count the messages a hop costs (plus ACKs): the
 * figure that explains most of the micro case's CPU per hop.
 */
final class TcpSegments {
  private TcpSegments() {}

  /** OutSegs so far, or -1 where /proc/net/snmp cannot be read. */
  static long sent() {
    try {
      List<String> tcp = Files.readAllLines(Path.of("/proc/net/snmp")).stream().filter(l -> l.startsWith("Tcp:")).toList();
      List<String> names = List.of(tcp.get(0).split("\\s+"));
      return Long.parseLong(tcp.get(1).split("\\s+")[names.indexOf("OutSegs")]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
