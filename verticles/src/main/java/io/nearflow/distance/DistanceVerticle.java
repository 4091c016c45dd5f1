package io.nearflow.distance;

import io.nearflow.cluster.ClusterSnapshot;
import io.nearflow.config.ConfigException;
import io.nearflow.config.TopologyFiles;
import io.nearflow.node.NodeContext;
import io.nearflow.protocol.Addresses;
import io.nearflow.routing.TopologySpec;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The distance calculator. Publishes the distance tables whenever hosts or zones join or leave
 * the cluster, or the topology file changes on disk (checked every few seconds, so a zone added
 * to the file applies without a restart), and answers requests for the current tables.
 */
public final class DistanceVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(DistanceVerticle.class.getName());
  private static final long FILE_CHECK_MS = 3_000;

  private final NodeContext node;
  private TopologySpec topology;
  private Map<String, String> hosts = Map.of();
  private long version;
  private FileTime topologyModified;
  private Consumer<ClusterSnapshot> viewListener;

  public DistanceVerticle(NodeContext node) {
    this.node = node;
    this.topology = node.config().topology();
  }

  @Override
  public Future<?> start() {
    topologyModified = modified();
    viewListener = s -> context.runOnContext(v -> hostsChanged(HostZones.of(s)));
    node.view().onChange(viewListener);
    if (topologyModified != null) {
      vertx.setPeriodic(FILE_CHECK_MS, id -> checkTopologyFile());
    }
    return vertx.eventBus().<JsonObject>consumer(Addresses.DISTANCE_GET, msg -> msg.reply(tables())).completion();
  }

  @Override
  public Future<?> stop() {
    node.view().removeListener(viewListener);
    return Future.succeededFuture();
  }

  private JsonObject tables() {
    return DistanceTables.toJson(topology, hosts, version);
  }

  private void hostsChanged(Map<String, String> next) {
    if (!next.equals(hosts)) {
      hosts = next;
      publish();
    }
  }

  private void publish() {
    version++;
    vertx.eventBus().publish(Addresses.DISTANCE_TABLES, tables());
  }

  private FileTime modified() {
    Path p = Path.of(node.config().topologyRef());
    try {
      return Files.isRegularFile(p) ? Files.getLastModifiedTime(p) : null;
    } catch (IOException e) {
      return null;
    }
  }

  private void checkTopologyFile() {
    vertx.executeBlocking(() -> {
      FileTime now = modified();
      if (now == null || now.equals(topologyModified)) {
        return null;
      }
      topologyModified = now;
      return TopologyFiles.load(node.config().topologyRef());
    }, false).onSuccess(t -> {
      if (t != null && !t.equals(topology)) {
        LOG.info("topology file " + node.config().topologyRef() + " changed: zones " + t.zones());
        topology = t;
        publish();
      }
    }).onFailure(err -> LOG.warning("topology file " + node.config().topologyRef() + " not applied, keeping the"
        + " previous topology: " + (err instanceof ConfigException ? err.getMessage() : err.toString())));
  }
}
