package io.nearflow.bench.testbed;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The WAN EMULATION (issue 11): one network namespace per zone plus a router namespace, joined by
 * veth pairs, so that ALL TCP traffic between zones (Hazelcast members, event bus, HTTP data) goes
 * through the router. There {@code iptables -t nat -A PREROUTING -p tcp -j REDIRECT} hands every
 * inter-zone connection to a user-space relay ({@code wan-relay.py}, Debian's /usr/bin/python3)
 * that delays and paces it by the zone pair's link (cluster-config/topology/paper.yaml). A zone is
 * cut off by dropping its subnet in the router's INPUT, OUTPUT and FORWARD chains.
 *
 * <p>Addresses exist only inside the namespaces made here ({@code 10.231.<n>.0/24} per zone, the
 * router at {@code .1}, a zone's client address at {@code .2}, hosts from {@code .11}). Hosts of
 * one zone share their zone's namespace, so traffic inside a zone is NOT delayed. Everything is
 * removed by {@link #close()} (processes in the namespaces, then the namespaces, which takes their
 * veths and iptables rules with them).
 */
final class WanEmulation implements AutoCloseable {
  static final String PREFIX = "nfwan-";
  static final String ROUTER = PREFIX + "router";
  static final int RELAY_PORT = 15000;
  static final String PYTHON = "/usr/bin/python3";

  private final List<String> zones;
  private final Path dir;
  private Process relay;
  private final List<String> created = new ArrayList<>();

  WanEmulation(List<String> zones, Path dir) {
    this.zones = zones;
    this.dir = dir;
  }

  static String ns(String zone) {
    return PREFIX + zone;
  }

  int index(String zone) {
    int i = zones.indexOf(zone);
    if (i < 0) {
      throw new IllegalArgumentException("unknown zone " + zone);
    }
    return i + 1;
  }

  String subnet(String zone) {
    return "10.231." + index(zone) + ".0/24";
  }

  String routerAddr(String zone) {
    return "10.231." + index(zone) + ".1";
  }

  String clientAddr(String zone) {
    return "10.231." + index(zone) + ".2";
  }

  String hostAddr(String zone, int k) {
    return "10.231." + index(zone) + "." + (11 + k);
  }

  /** Root, ip, iptables (installs Debian's package if missing) and python3; throws with the reason otherwise. */
  static void checkPrerequisites() throws Exception {
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new IllegalStateException("the WAN EMULATION needs root (network namespaces, iptables)");
    }
    if (!Files.isExecutable(Path.of(PYTHON))) {
      throw new IllegalStateException(PYTHON + " is missing (the relay uses Debian's python3, stdlib only)");
    }
    if (!Files.isExecutable(Path.of("/usr/sbin/iptables"))) {
      BenchMain.log("WAN EMULATION: iptables missing; installing Debian's iptables package");
      run(600, "sh", "-c", "apt-get update -qq && apt-get install -y -qq iptables");
    }
  }

  /** Builds namespaces, veths, routes, the NAT redirect and the relay. Cleans up stale ones of an earlier crashed run first. */
  void start(EmulatedLinks links) throws Exception {
    removeStale();
    run(20, "ip", "netns", "add", ROUTER);
    created.add(ROUTER);
    run(20, "ip", "-n", ROUTER, "link", "set", "lo", "up");
    for (String z : zones) {
      String n = ns(z);
      run(20, "ip", "netns", "add", n);
      created.add(n);
      run(20, "ip", "-n", n, "link", "set", "lo", "up");
      // created inside the router namespace, peer moved straight into the zone: nothing touches the root namespace
      run(20, "ip", "-n", ROUTER, "link", "add", "to-" + z, "type", "veth", "peer", "name", "wan0", "netns", n);
      run(20, "ip", "-n", ROUTER, "addr", "add", routerAddr(z) + "/24", "dev", "to-" + z);
      run(20, "ip", "-n", ROUTER, "link", "set", "to-" + z, "up");
      run(20, "ip", "-n", n, "addr", "add", clientAddr(z) + "/24", "dev", "wan0");
      run(20, "ip", "-n", n, "link", "set", "wan0", "up");
      run(20, "ip", "-n", n, "route", "add", "default", "via", routerAddr(z));
    }
    run(20, "ip", "netns", "exec", ROUTER, "sysctl", "-qw", "net.ipv4.ip_forward=1");
    run(20, "ip", "netns", "exec", ROUTER, "iptables", "-t", "nat", "-A", "PREROUTING", "-p", "tcp", "-j", "REDIRECT",
        "--to-ports", String.valueOf(RELAY_PORT));
    startRelay(links);
  }

  /** Another address for a host in its zone's namespace (several host JVMs share a zone). */
  void addHostAddress(String zone, String addr) throws Exception {
    run(20, "ip", "-n", ns(zone), "addr", "add", addr + "/24", "dev", "wan0");
  }

  Path controlSocket() {
    return dir.resolve("wan-relay.sock");
  }

  private void startRelay(EmulatedLinks links) throws Exception {
    JsonObject zonesJson = new JsonObject();
    JsonObject routers = new JsonObject();
    for (String z : zones) {
      zonesJson.put(z, subnet(z));
      routers.put(z, routerAddr(z));
    }
    JsonArray between = new JsonArray();
    for (int i = 0; i < zones.size(); i++) {
      for (int j = i + 1; j < zones.size(); j++) {
        EmulatedLinks.LinkSpec s = links.spec(zones.get(i), zones.get(j));
        between.add(new JsonObject().put("zones", new JsonArray().add(zones.get(i)).add(zones.get(j)))
            .put("rttMs", s.rttMs()).put("bandwidthMbps", s.bandwidthMbps()));
      }
    }
    EmulatedLinks.LinkSpec intra = links.spec(zones.get(0), zones.get(0));
    JsonObject cfg = new JsonObject().put("port", RELAY_PORT).put("controlSocket", controlSocket().toString())
        .put("zones", zonesJson).put("routerAddrs", routers).put("maxSeconds", 3 * 3600)
        .put("links", new JsonObject().put("intraZone", new JsonObject().put("rttMs", intra.rttMs())
            .put("bandwidthMbps", intra.bandwidthMbps())).put("between", between));
    Path cfgFile = dir.resolve("wan-relay.json");
    Files.writeString(cfgFile, cfg.encodePrettily());
    Path script = dir.resolve("wan-relay.py");
    try (InputStream in = WanEmulation.class.getResourceAsStream("wan-relay.py")) {
      Files.write(script, in.readAllBytes());
    }
    relay = new ProcessBuilder("ip", "netns", "exec", ROUTER, PYTHON, script.toString(), cfgFile.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("wan-relay.log").toFile()).start();
    Processes.track(relay);
    long deadline = System.currentTimeMillis() + 15_000;
    while (true) {
      try {
        control(controlSocket(), "ping");
        return;
      } catch (IOException e) {
        if (!relay.isAlive() || System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("WAN EMULATION relay did not start: see " + dir.resolve("wan-relay.log"));
        }
        Thread.sleep(100);
      }
    }
  }

  /** One request to the relay's control socket ({@code ping}, {@code scale F}, {@code stats}); the JSON answer. */
  static JsonObject control(Path socket, String request) throws IOException {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      ch.write(ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8)));
      ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
      while (ch.read(buf) >= 0) {
        if (!buf.hasRemaining()) {
          break;
        }
      }
      buf.flip();
      return new JsonObject(StandardCharsets.UTF_8.decode(buf).toString().trim());
    }
  }

  /**
   * The router commands that cut a zone off ({@code add}) or heal it: its subnet dropped both ways
   * in INPUT (redirected connections end at the relay), OUTPUT (the relay's onward connections) and
   * FORWARD (anything not redirected).
   */
  static List<List<String>> partitionCommands(String subnet, boolean add) {
    String op = add ? "-I" : "-D";
    List<List<String>> cmds = new ArrayList<>();
    for (String[] rule : new String[][] {{"INPUT", "-s"}, {"INPUT", "-d"}, {"OUTPUT", "-s"}, {"OUTPUT", "-d"},
        {"FORWARD", "-s"}, {"FORWARD", "-d"}}) {
      cmds.add(List.of("ip", "netns", "exec", ROUTER, "iptables", op, rule[0], rule[1], subnet, "-j", "DROP"));
    }
    return cmds;
  }

  static void partition(String subnet, boolean cut) throws Exception {
    for (List<String> c : partitionCommands(subnet, cut)) {
      run(20, c.toArray(String[]::new));
    }
  }

  /** Namespaces of ours left by a run that was killed before its clean-up: end their processes (by pid), delete them. */
  private void removeStale() throws Exception {
    List<String> ours = new ArrayList<>(List.of(ROUTER));
    zones.forEach(z -> ours.add(ns(z)));
    String existing = output(20, "ip", "netns", "list");
    for (String n : ours) {
      if (existing.lines().anyMatch(l -> l.split("\\s+")[0].equals(n))) {
        BenchMain.log("WAN EMULATION: removing stale namespace " + n);
        killPidsIn(n);
        run(20, "ip", "netns", "del", n);
      }
    }
  }

  private static void killPidsIn(String n) {
    try {
      List<ProcessHandle> ps = output(20, "ip", "netns", "pids", n).lines().map(String::trim).filter(s -> !s.isEmpty())
          .map(s -> ProcessHandle.of(Long.parseLong(s))).flatMap(java.util.Optional::stream).toList();
      ps.forEach(ProcessHandle::destroy);
      for (ProcessHandle p : ps) {
        try {
          p.onExit().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
          p.destroyForcibly();
        }
      }
    } catch (Exception e) {
      BenchMain.log("WAN EMULATION: cannot list processes in " + n + ": " + e);
    }
  }

  /** Ends the relay and whatever still runs in our namespaces, then deletes the namespaces (veths and rules go with them). */
  @Override
  public synchronized void close() {
    if (relay != null) {
      Processes.end(relay, 5_000);
      relay = null;
    }
    for (String n : created) {
      killPidsIn(n);
    }
    for (int i = created.size() - 1; i >= 0; i--) {
      try {
        run(20, "ip", "netns", "del", created.get(i));
      } catch (Exception e) {
        BenchMain.log("WAN EMULATION: cannot delete namespace " + created.get(i) + ": " + e);
      }
    }
    created.clear();
  }

  static void run(int timeoutSec, String... cmd) throws Exception {
    output(timeoutSec, cmd);
  }

  static String output(int timeoutSec, String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out;
    try (InputStream in = p.getInputStream()) {
      out = in.readAllBytes(); // the commands are short-lived; their output is small
    }
    if (!p.waitFor(timeoutSec, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("timed out: " + String.join(" ", cmd));
    }
    String s = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IllegalStateException("failed (" + p.exitValue() + "): " + String.join(" ", cmd) + ": " + s.trim());
    }
    return s;
  }
}
