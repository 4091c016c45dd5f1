package io.nearflow.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds TCP ports free on a loopback address right now. Hazelcast's TCP-IP join needs every
 * member's port before anyone starts, so embedded clusters pick theirs this way (a port can in
 * principle be taken between the check and the bind; the start then fails loudly, never silently).
 */
public final class FreePorts {
  private FreePorts() {}

  public static List<Integer> find(String host, int count) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host));
        s.setReuseAddress(true);
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
