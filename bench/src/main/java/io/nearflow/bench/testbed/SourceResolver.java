package io.nearflow.bench.testbed;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Part of the link EMULATION: tells which emulated host (child JVM) opened a loopback TCP
 * connection, from the client's port: /proc/net/tcp{,6} gives the socket inode of the local
 * endpoint with that port, and /proc/&lt;pid&gt;/fd of the node JVMs gives its owner. All hosts share
 * 127.0.0.1, so this is the only way a relay can know the source zone without a product hook.
 */
public final class SourceResolver {
  private final Map<Long, String> zoneByPid = new ConcurrentHashMap<>();
  private final Map<String, String> zoneByUid = new ConcurrentHashMap<>();

  /** Hosts run under their own uid (setpriv): then one read of /proc/net/tcp names the zone. */
  public void registerUid(int uid, String zone) {
    zoneByUid.put(String.valueOf(uid), zone);
  }

  public void register(long pid, String zone) {
    zoneByPid.put(pid, zone);
  }

  public void clear() {
    zoneByPid.clear();
    zoneByUid.clear();
  }

  /** The zone of the host whose socket has local port {@code clientPort}, or null. */
  public String zoneOf(int clientPort, int relayPort) {
    for (int attempt = 0; attempt < 3; attempt++) {
      String[] found = socketOf(clientPort, relayPort);
      if (found != null) {
        String byUid = zoneByUid.get(found[0]);
        if (byUid != null) {
          return byUid;
        }
        String inode = found[1];
        String needle = "socket:[" + inode + "]";
        for (Map.Entry<Long, String> e : zoneByPid.entrySet()) {
          if (owns(e.getKey(), needle)) {
            return e.getValue();
          }
        }
        return null;
      }
      Thread.onSpinWait();
    }
    return null;
  }

  /** {uid, inode} of the socket with that local and remote port, or null. */
  private static String[] socketOf(int localPort, int remotePort) {
    String lp = String.format(":%04X", localPort);
    String rp = String.format(":%04X", remotePort);
    for (String f : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try {
        for (String line : Files.readAllLines(Path.of(f))) {
          String[] c = line.trim().split("\\s+");
          if (c.length > 9 && c[1].endsWith(lp) && c[2].endsWith(rp)) {
            return new String[] {c[7], c[9]};
          }
        }
      } catch (IOException e) {
        // try the other table
      }
    }
    return null;
  }

  private static boolean owns(long pid, String needle) {
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "fd"))) {
      for (Path fd : fds) {
        try {
          if (needle.equals(Files.readSymbolicLink(fd).toString())) {
            return true;
          }
        } catch (IOException e) {
          // fd closed meanwhile
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }
}
