package io.nearflow.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds TCP ports free on a loopback address right now. Hazelcast's TCP-IP join needs every
 * member's port before anyone starts, so embedded clusters pick theirs this way.
 *
 * <p>Ports come from below the kernel's ephemeral range (Linux:
 * {@code /proc/sys/net/ipv4/ip_local_port_range}, 32768-60999 by default). A port handed out by
 * {@code bind(0)} is an ephemeral one, and between the probe and the member's bind the kernel may
 * give that very port to an outgoing connection of an earlier member (on a busy 2-core CI box it
 * did: "Port [37771] is already in use"). Below the range only listeners compete, and the probe
 * sees those. A port can still be taken between the probe and the bind by another process that
 * listens; {@link EmbeddedCluster#start(EmbeddedCluster.Options)} then starts over on new ports.
 */
public final class FreePorts {
  static final int LOWEST = 10_000;
  private static final int ATTEMPTS_PER_PORT = 200;

  private FreePorts() {}

  public static List<Integer> find(String host, int count) {
    int ephemeralLow = ephemeralRangeLow();
    if (ephemeralLow - LOWEST < 1_000) {
      return fromKernel(host, count);
    }
    return find(host, count, LOWEST, ephemeralLow);
  }

  /** {@code count} distinct ports in {@code [low, high)} that nothing listens on right now. */
  static List<Integer> find(String host, int count, int low, int high) {
    InetAddress address = address(host);
    Set<Integer> ports = new LinkedHashSet<>();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int attempts = 0;
    while (ports.size() < count) {
      if (attempts++ > ATTEMPTS_PER_PORT * count) {
        throw new UncheckedIOException(new IOException(
            "no " + count + " free ports on " + host + " in " + low + "-" + (high - 1)));
      }
      int candidate = random.nextInt(low, high);
      if (!ports.contains(candidate) && bindable(address, candidate)) {
        ports.add(candidate);
      }
    }
    return List.copyOf(ports);
  }

  /** The low end of the kernel's ephemeral port range; 32768 where it cannot be read. */
  static int ephemeralRangeLow() {
    try {
      // read line-wise: Files.readString trusts the size /proc reports and returns one byte
      String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
      return Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }

  private static boolean bindable(InetAddress address, int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(address, port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static InetAddress address(String host) {
    try {
      return InetAddress.getByName(host);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve " + host, e);
    }
  }

  /** Fallback where the ephemeral range starts too low to leave room below it. */
  private static List<Integer> fromKernel(String host, int count) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ServerSocket s = new ServerSocket(0, 1, address(host));
        held.add(s);
        ports.add(s.getLocalPort());
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + host, e);
    } finally {
      for (ServerSocket s : held) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing a probe socket; nothing to do
        }
      }
    }
  }
}
