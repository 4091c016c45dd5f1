package io.nearflow.api;

import io.nearflow.config.Settings;
import io.nearflow.node.EmbeddedCluster;
import io.nearflow.testing.Await;
import io.nearflow.testing.TestClusters;
import io.nearflow.testing.Workloads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The API tests' cluster: the paper topology with one host per zone (edge1-a, edge2-a, cloud1-a),
 * every role on every node, and instances of the reference steps the test workflows use. Each
 * test class starts its own (own cluster name and ports).
 */
final class ApiClusters {
  /** One echo step: the quickest run there is. */
  static final String ECHO = "name: echo1\nsteps:\n  - name: copy\n    type: echo\n";
  /** Holds a slot for a while, then echoes: long enough to watch or cancel. */
  static final String SLOW = "name: slow\nsteps:\n  - name: wait\n    type: sleep\n    params:\n      ms: \"1500\"\n"
      + "  - name: copy\n    type: echo\n";
  static final String HOLD = "name: hold\nsteps:\n  - name: wait\n    type: sleep\n    timeout: 2m\n"
      + "    params:\n      ms: \"20000\"\n";
  /** Fails at once, without retries: a FAILED run to retry. */
  static final String BROKEN = "name: broken\nsteps:\n  - name: boom\n    type: fail\n    retry:\n      maxAttempts: 1\n";

  private ApiClusters() {}

  static EmbeddedCluster start(Class<?> testClass, Path dataRoot) {
    return start(testClass, dataRoot, new Settings());
  }

  /** The same cluster with {@code extra} settings on every node. */
  static EmbeddedCluster start(Class<?> testClass, Path dataRoot, Settings extra) {
    EmbeddedCluster cluster = Await.result(EmbeddedCluster.start(EmbeddedCluster.Options
        .defaults(TestClusters.uniqueName(testClass), dataRoot)
        .withHostsPerZone(1)
        .withSettings(Workloads.instances(Map.of("shuffle", 3, "echo", 3, "sleep", 3, "fail", 1)).overlay(extra))),
        Duration.ofSeconds(120));
    Await.result(cluster.awaitFullView(30_000), Duration.ofSeconds(40));
    return cluster;
  }
}
