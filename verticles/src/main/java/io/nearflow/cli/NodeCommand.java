package io.nearflow.cli;

import io.nearflow.config.ConfigException;
import io.nearflow.config.Settings;
import io.nearflow.node.NearflowNode;
import io.nearflow.node.NodeConfig;
import io.nearflow.node.NodeConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nearflow node}: start one node that joins the cluster and runs until SIGTERM/SIGINT. */
@Command(name = "node", mixinStandardHelpOptions = true,
    description = "Start a node: join the cluster with a zone/host identity and run its roles.")
public final class NodeCommand implements Callable<Integer> {
  private static final long START_TIMEOUT_S = 120;
  private static volatile boolean running;

  @Option(names = {"-c", "--config"}, description = "Node config file (YAML or JSON).")
  Path config;

  @Option(names = "--zone", description = "Zone of this node (node.zone).")
  String zone;

  @Option(names = "--host", description = "Host id of this node (node.host).")
  String host;

  @Option(names = "--roles", description = "Comma-separated roles, or 'all' (node.roles).")
  String roles;

  @Option(names = "--join", description = "Comma-separated seed members host:port (cluster.members).")
  String join;

  @Option(names = "--set", description = "Any setting as key=value, e.g. --set http.port=8081. Repeatable.")
  List<String> sets = new ArrayList<>();

  /** True once a node started: main must then not exit, the node runs until a signal. */
  public static boolean keepsRunning() {
    return running;
  }

  @Override
  public Integer call() {
    NodeConfig cfg;
    try {
      cfg = NodeConfigLoader.load(Optional.ofNullable(config), System.getenv(), overrides());
    } catch (ConfigException e) {
      System.err.println("nearflow: config error: " + e.getMessage());
      return 2;
    }
    NearflowNode node;
    try {
      node = NearflowNode.start(cfg).toCompletionStage().toCompletableFuture().get(START_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      System.err.println("nearflow: node failed to start: " + describe(e.getCause()));
      return 1;
    } catch (TimeoutException e) {
      System.err.println("nearflow: node failed to start: not up within " + START_TIMEOUT_S + " s");
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.err.println("nearflow: node failed to start: interrupted");
      return 1;
    }
    // JUL resets its handlers in its own shutdown hook, so this hook reports on stderr directly.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.err.println("nearflow: node " + cfg.nodeId() + " leaving the cluster");
      try {
        node.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.err.println("nearflow: node " + cfg.nodeId() + " left the cluster gracefully");
      } catch (Exception e) {
        System.err.println("nearflow: node " + cfg.nodeId() + " graceful leave did not finish: " + e);
      }
    }, "nearflow-shutdown"));
    running = true;
    System.err.println("nearflow: node " + cfg.nodeId() + " up: zone=" + cfg.zone() + " host=" + cfg.host()
        + " http=" + node.httpPort() + (node.grpcPort() > 0 ? " grpc=" + node.grpcPort() : ""));
    return 0;
  }

  private static String describe(Throwable err) {
    return err.getMessage() == null ? err.toString() : err.getMessage();
  }

  private Settings overrides() {
    Settings s = new Settings();
    if (zone != null) {
      s.put("node.zone", zone, "--zone");
    }
    if (host != null) {
      s.put("node.host", host, "--host");
    }
    if (roles != null) {
      s.put("node.roles", roles, "--roles");
    }
    if (join != null) {
      s.put("cluster.members", join, "--join");
    }
    for (String kv : sets) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException("--set " + kv + ": expected key=value");
      }
      s.put(kv.substring(0, eq).trim(), kv.substring(eq + 1), "--set " + kv.substring(0, eq).trim());
    }
    return s;
  }
}
