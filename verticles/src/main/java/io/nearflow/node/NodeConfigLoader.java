package io.nearflow.node;

import io.nearflow.config.ConfigException;
import io.nearflow.config.Settings;
import io.nearflow.config.SettingsFileReader;
import io.nearflow.config.TopologyFiles;
import io.nearflow.routing.TopologySpec;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Builds a {@link NodeConfig} from three layers, later ones winning: the config file (YAML or
 * JSON), environment variables ({@code NEARFLOW_} + the key in upper snake case, e.g.
 * {@code NEARFLOW_NODE_ZONE}, {@code NEARFLOW_CLUSTER_MEMBERS=a:5701,b:5701}) and command-line
 * overrides. Every problem is one {@link ConfigException} line naming the key and its origin.
 */
public final class NodeConfigLoader {

  /** Every key a node understands. Keys read by later sections are added here as they appear. */
  public static final Set<String> KNOWN_KEYS = withTimeouts(
      "cluster.name", "cluster.bindHost", "cluster.port", "cluster.members", "cluster.hazelcastConfig",
      "cluster.zoneAwareBackups",
      "node.id", "node.zone", "node.host", "node.roles",
      "topology", "dataDir", "http.port", "http.advertisedUrl", "grpc.port",
      "agent.instances", "agent.workDir",
      "orchestrator.routing", "orchestrator.dispatchTimeoutMs", "orchestrator.outcomeGraceMs",
      "orchestrator.recordRetentionHours", "orchestrator.recordRetentionSeconds", "orchestrator.recordSweepSeconds",
      "api.requestTimeoutMs", "api.maxJsonBytes", "api.maxUploadBytes", "api.uploadTimeoutMs",
      "breaker.window", "breaker.minimumCalls", "breaker.failureRatePercent", "breaker.openMs");

  private static Set<String> withTimeouts(String... keys) {
    java.util.Set<String> all = new java.util.HashSet<>(List.of(keys));
    all.addAll(Timeouts.KEYS);
    return Set.copyOf(all);
  }

  /** Sections whose keys belong to a plug-in (one adapter per name) and are checked by it. */
  public static final Set<String> OPEN_SECTIONS = Set.of("adapters.");

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  private static final Pattern MEMBER = Pattern.compile("([^:\\s]+):(\\d+)");

  private NodeConfigLoader() {}

  /** File (optional), then the process environment, then {@code overrides}. */
  public static NodeConfig load(Optional<Path> file, Map<String, String> env, Settings overrides) {
    Settings settings = file.map(SettingsFileReader::read).orElseGet(Settings::new);
    settings.overlay(fromEnvironment(env)).overlay(overrides);
    return bind(settings);
  }

  static Settings fromEnvironment(Map<String, String> env) {
    Settings s = new Settings();
    for (String key : KNOWN_KEYS) {
      String var = envName(key);
      String v = env.get(var);
      if (v != null && !v.isBlank()) {
        s.put(key, v, "env " + var);
      }
    }
    return s;
  }

  /** {@code cluster.bindHost} becomes {@code NEARFLOW_CLUSTER_BIND_HOST}. */
  public static String envName(String key) {
    return "NEARFLOW_" + key.replaceAll("([a-z])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
  }

  public static NodeConfig bind(Settings s) {
    for (String key : s.keys()) {
      if (!KNOWN_KEYS.contains(key) && OPEN_SECTIONS.stream().noneMatch(key::startsWith)) {
        throw new ConfigException("unknown setting '" + key + "' (" + s.origin(key) + "); known settings: "
            + String.join(", ", KNOWN_KEYS.stream().sorted().toList()));
      }
    }
    String topologyRef = s.string("topology").orElse("paper");
    TopologySpec topology;
    try {
      topology = TopologyFiles.load(topologyRef);
    } catch (ConfigException e) {
      throw new ConfigException(e.getMessage() + " (topology set by " + s.origin("topology") + ")");
    }

    String zone = required(s, "node.zone", "the zone this node is in, one of " + topology.zones());
    if (!topology.hasZone(zone)) {
      throw Settings.error("node.zone", s.get("node.zone").orElse(null),
          "'" + zone + "' is not a zone of topology '" + topology.name() + "' (zones: "
              + String.join(", ", topology.zones()) + ")");
    }
    String host = required(s, "node.host", "this machine's host id, e.g. edge1-a");
    checkName(s, "node.host", host);
    String nodeId = s.string("node.id").orElse(host + "-" + UUID.randomUUID().toString().substring(0, 8));
    checkName(s, "node.id", nodeId);
    EnumSet<Role> roles = roles(s);

    String bindHost = s.string("cluster.bindHost").orElse("127.0.0.1");
    List<String> members = members(s);
    checkAdvertisedAddress(s, bindHost, members);
    int clusterPort = s.integer("cluster.port", 1, 65535).orElse(5701);
    Optional<Path> hazelcastConfig = s.string("cluster.hazelcastConfig").map(Path::of);
    if (hazelcastConfig.isPresent() && !hazelcastConfig.get().toFile().isFile()) {
      throw Settings.error("cluster.hazelcastConfig", s.get("cluster.hazelcastConfig").get(),
          "file " + hazelcastConfig.get() + " does not exist");
    }
    String clusterName = s.string("cluster.name").orElse("nearflow");
    checkName(s, "cluster.name", clusterName);

    Path dataDir = Path.of(s.string("dataDir").orElse("nearflow-data/" + host)).toAbsolutePath();
    int httpPort = s.integer("http.port", 0, 65535).orElse(8080);
    int grpcPort = s.integer("grpc.port", 0, 65535).orElse(9090);
    if (httpPort != 0 && httpPort == grpcPort) {
      throw Settings.error("grpc.port", s.get("grpc.port").orElse(null), "must differ from http.port (" + httpPort + ")");
    }
    advertisedHttpUrl(s);
    return new NodeConfig(clusterName, bindHost, clusterPort, members, hazelcastConfig, nodeId, zone, host,
        roles, topologyRef, topology, dataDir, httpPort, grpcPort, s);
  }

  /**
   * {@code http.advertisedUrl}: the URL other nodes reach this node's HTTP server at, published
   * instead of {@code http://bindHost:port} when that address is not reachable as it is (NAT, a
   * reverse proxy, an emulated link). Checked at load; the node reads it again when it publishes.
   */
  static Optional<String> advertisedHttpUrl(Settings s) {
    return s.string("http.advertisedUrl").map(url -> {
      if (!isHttpUrl(url)) {
        throw Settings.error("http.advertisedUrl", s.get("http.advertisedUrl").orElse(null),
            "'" + url + "' is not an absolute http or https URL such as http://203.0.113.7:8080");
      }
      return url;
    });
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      return uri.getScheme() != null && uri.getScheme().matches("(?i)https?") && uri.getHost() != null
          && uri.getPort() <= 65535 && uri.getRawUserInfo() == null && uri.getRawQuery() == null
          && uri.getRawFragment() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static String required(Settings s, String key, String what) {
    return s.string(key).orElseThrow(() -> new ConfigException(
        key + ": missing; set " + what + " in the config file, with " + envName(key) + " or on the command line"));
  }

  private static void checkName(Settings s, String key, String value) {
    if (!NAME.matcher(value).matches()) {
      throw Settings.error(key, s.get(key).orElse(null),
          "'" + value + "' may only contain letters, digits, '.', '_' and '-'");
    }
  }

  private static EnumSet<Role> roles(Settings s) {
    List<String> ids = s.list("node.roles");
    if (ids.isEmpty()) {
      throw new ConfigException("node.roles: missing; list what this node runs (" + Role.ids() + ") or 'all'");
    }
    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    for (String id : ids) {
      if (id.equalsIgnoreCase("all")) {
        roles.addAll(Role.all());
        continue;
      }
      roles.add(Role.byId(id).orElseThrow(() -> Settings.error("node.roles", s.get("node.roles").orElse(null),
          "unknown role '" + id + "'; roles are " + Role.ids() + " or all")));
    }
    if (roles.contains(Role.AGENT) && !roles.contains(Role.ADAPTER)) {
      throw Settings.error("node.roles", s.get("node.roles").orElse(null),
          "the agent role needs the adapter role on the same node (steps read and write data through the host's adapter)");
    }
    return roles;
  }

  private static List<String> members(Settings s) {
    List<String> members = s.list("cluster.members");
    if (members.isEmpty()) {
      throw new ConfigException("cluster.members: missing; list the seed members to join as host:port"
          + " (a first node lists itself), in the config file or with " + envName("cluster.members"));
    }
    List<String> out = new ArrayList<>();
    for (String m : members) {
      var match = MEMBER.matcher(m);
      int port = match.matches() ? Integer.parseInt(match.group(2)) : -1;
      if (port < 1 || port > 65535) {
        throw Settings.error("cluster.members", s.get("cluster.members").orElse(null),
            "'" + m + "' is not host:port (one member per entry; port ranges are not accepted)");
      }
      out.add(m);
    }
    return out;
  }

  /**
   * Peers must reach this node at the address it advertises; a loopback address advertised to
   * remote members would make the event bus silently misdeliver, so refuse the combination.
   */
  private static void checkAdvertisedAddress(Settings s, String bindHost, List<String> members) {
    boolean bindLoopback = isLoopback(bindHost);
    for (String m : members) {
      String host = m.substring(0, m.lastIndexOf(':'));
      if (bindLoopback && !isLoopback(host)) {
        throw Settings.error("cluster.bindHost", s.get("cluster.bindHost").orElse(null),
            "is " + bindHost + " (loopback) but member " + m + " is on another machine; set cluster.bindHost"
                + " to this node's address that the other members can reach");
      }
    }
  }

  private static boolean isLoopback(String host) {
    if (host.equals("localhost") || host.startsWith("127.")) {
      return true;
    }
    try {
      return host.matches("[0-9.]+") && InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
