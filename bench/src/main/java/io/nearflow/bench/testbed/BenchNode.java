package io.nearflow.bench.testbed;

import io.nearflow.cli.Logs;
import io.nearflow.cluster.NodeDescriptor;
import io.nearflow.config.Settings;
import io.nearflow.node.NearflowNode;
import io.nearflow.node.NodeConfig;
import io.nearflow.node.NodeConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One emulated host of the testbed: a Nearflow node in its own JVM, started from a config file the
 * bench wrote, exactly as {@code nearflow node --config} would. The only difference is part of the
 * link EMULATION: the node advertises the URL of its {@link EmulatedLinkRelay} (system property
 * {@code nearflow.bench.relayHttp}) as {@code http.advertisedUrl}, so peers' data pulls from this
 * host cross the emulated link. Writes {@code nearflow.bench.readyFile} once every node's view
 * shows every host behind its relay.
 */
public final class BenchNode {
  private BenchNode() {}

  public static void main(String[] args) throws Exception {
    Logs.setup();
    Settings overrides = new Settings();
    String relay = System.getProperty("nearflow.bench.relayHttp");
    if (relay != null) {
      overrides.put("http.advertisedUrl", relay, "bench");
    }
    NodeConfig config = NodeConfigLoader.load(Optional.of(Path.of(args[0])), Map.of(), overrides);
    NearflowNode node = NearflowNode.start(config).toCompletionStage().toCompletableFuture().get(300, TimeUnit.SECONDS);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        node.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // leaving anyway
      }
      stopped.countDown();
    }));
    Set<String> expected = Arrays.stream(System.getProperty("nearflow.bench.expectHttp", "").split(","))
        .filter(s -> !s.isBlank()).collect(Collectors.toSet());
    Path ready = Path.of(System.getProperty("nearflow.bench.readyFile"));
    boolean[] readyWritten = {false};
    node.vertx().setPeriodic(100, id -> {
      var nodes = node.view().snapshot().nodes();
      boolean all = nodes.size() == expected.size()
          && nodes.stream().map(NodeDescriptor::endpoints).allMatch(e -> expected.contains(e.get("http")));
      if (all && !readyWritten[0]) {
        readyWritten[0] = true;
        try {
          Files.writeString(ready, "ready " + node.httpPort() + "\n");
        } catch (Exception e) {
          System.err.println("bench node: cannot write " + ready + ": " + e);
        }
      }
    });
    System.err.println("bench node " + config.host() + " listening on http " + node.httpPort() + ", advertised " + relay);
    stopped.await();
  }
}
