package io.nearflow.adapterhost;

import io.nearflow.adapters.AdapterContext;
import io.nearflow.adapters.AdapterRegistry;
import io.nearflow.adapters.DataAdapter;
import io.nearflow.adapters.localfs.LocalFsAdapter;
import io.nearflow.cluster.ZoneSchedulers;
import io.nearflow.datamaster.ClusterDataRegistry;
import io.nearflow.datamaster.ZoneDataRegistry;
import io.nearflow.protocol.Addresses;
import io.nearflow.node.NodeContext;
import io.nearflow.routing.Locality;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.nearflow.data.DataUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Opens the host's adapters from the {@code adapters.<name>.*} settings (local-fs always, with
 * its store under {@code <dataDir>/store} unless configured), mounts the local-fs peer endpoint
 * ({@code /data/v1/...}) on the node's HTTP server and hands the adapters to the agent.
 */
public final class AdapterVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(AdapterVerticle.class.getName());

  private final NodeContext node;
  private AdapterRegistry registry;
  private Runnable mergedListener;
  private java.util.function.Consumer<io.nearflow.cluster.ClusterSnapshot> viewListener;
  /** The scheduler of this host's zone as last seen: its data registry holds what this host announced. */
  private String zoneScheduler;

  public AdapterVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    Locality here = Locality.of(node.config().host(), node.config().zone());
    ZoneDataRegistry units = zoneRegistry(vertx, node, here);
    AdapterContext ctx = new AdapterContext(vertx, here, units, new ClusterPeerDirectory(node.view()),
        node.services().transferStats(), node.clock());
    Map<String, JsonObject> configs = AdapterSettings.configs(node.config());
    return AdapterRegistry.load(ctx, configs).map(reg -> {
      registry = reg;
      DataAdapter local = reg.adapter(LocalFsAdapter.NAME);
      if (local instanceof LocalFsAdapter fs) {
        fs.peerEndpoint().mount(node.router());
      }
      // Retention: the data master has retired these units and asks this node to delete its
      // copies (best effort: a copy left behind is unregistered garbage).
      vertx.eventBus().<JsonObject>consumer(Addresses.adapterDelete(node.config().nodeId()), m -> {
        List<String> retired = new ArrayList<>();
        for (Object o : m.body().getJsonArray("units", new JsonArray())) {
          DataUnit unit = DataUnit.fromJson((JsonObject) o);
          retired.add(unit.id());
          reg.find(unit.adapter()).ifPresent(a -> a.deleteRetired(unit)
              .onFailure(err -> LOG.fine("unit " + unit.id() + " not deleted: " + err.getMessage())));
        }
        units.forget(retired); // the zone's registry must not offer them to pulls any more
      });
      node.services().provideAdapters(reg);
      LOG.fine(() -> "adapters " + reg.names() + " open on " + node.config().host());
      announce(reg, 1);
      // Back from a split (or a drop-out without a restart): the data master marked this host's
      // copies unreachable when it left; announcing them again makes them reachable.
      mergedListener = () -> context.runOnContext(x -> announce(reg, 1));
      node.view().onMerged(mergedListener);
      // The zone's data registry lives in its scheduler's memory: a new scheduler (fail-over, or
      // a node with a smaller id joined) learns this host's units from this host again.
      zoneScheduler = schedulerOfZone(node.view().snapshot());
      viewListener = snap -> context.runOnContext(x -> {
        String now = schedulerOfZone(snap);
        if (now != null && !now.equals(zoneScheduler)) {
          LOG.info(node.config().host() + ": zone " + node.config().zone() + " is scheduled by " + now
              + " now; re-announcing this host's units to it");
          announce(reg, 1);
        }
        zoneScheduler = now;
      });
      node.view().onChange(viewListener);
      return reg;
    }).onFailure(node.services()::adaptersFailed);
  }

  /**
   * Re-announces what the stores hold (a host coming back after hours offline still has its
   * data). The data master may not be up yet when this node starts: retry with a capped backoff.
   */
  private void announce(AdapterRegistry reg, int attempt) {
    List<Future<List<DataUnit>>> all = new ArrayList<>();
    reg.names().forEach(n -> all.add(reg.adapter(n).announceAll()));
    Future.all(all).onSuccess(cf -> {
      int units = all.stream().mapToInt(f -> f.result().size()).sum();
      if (units > 0) {
        LOG.info(node.config().host() + " re-announced " + units + " data unit(s) to the data master");
      }
    }).onFailure(err -> {
      long delay = Math.min(30_000, 500L * attempt);
      LOG.info("re-announcing stored units failed (" + err.getMessage() + "); retrying in " + delay + " ms");
      vertx.setTimer(delay, t -> announce(reg, attempt + 1));
    });
  }

  /** This host's view of the data registry: its zone scheduler's first, the cluster's as the index. */
  public static ZoneDataRegistry zoneRegistry(io.vertx.core.Vertx vertx, NodeContext node, Locality here) {
    long timeoutMs = node.timeouts().dataMaster().toMillis();
    return new ZoneDataRegistry(vertx, here,
        () -> ZoneSchedulers.of(node.view().snapshot(), node.config().topology()).schedulerOf(here.zone()).orElse(null),
        new ClusterDataRegistry(vertx, node.hazelcast(), here, timeoutMs), timeoutMs);
  }

  private String schedulerOfZone(io.nearflow.cluster.ClusterSnapshot snap) {
    return ZoneSchedulers.of(snap, node.config().topology()).schedulerOf(node.config().zone()).orElse(null);
  }

  @Override
  public Future<?> stop() {
    if (viewListener != null) {
      node.view().removeListener(viewListener);
    }
    if (mergedListener != null) {
      node.view().removeMergedListener(mergedListener);
    }
    return registry == null ? Future.succeededFuture() : registry.closeAll();
  }

  /** {@code adapters.<name>.<field>} settings, with local-fs's store defaulting into the data dir. */
  static final class AdapterSettings {
    private AdapterSettings() {}

    static Map<String, JsonObject> configs(io.nearflow.node.NodeConfig config) {
      Map<String, JsonObject> out = new LinkedHashMap<>();
      for (String key : config.settings().keys()) {
        if (!key.startsWith("adapters.")) {
          continue;
        }
        String[] parts = key.split("\\.", 3);
        if (parts.length == 3) {
          out.computeIfAbsent(parts[1], n -> new JsonObject())
              .put(parts[2], typed(config.settings().get(key).orElseThrow().value()));
        }
      }
      JsonObject fs = out.computeIfAbsent(LocalFsAdapter.NAME, n -> new JsonObject());
      return withStore(out, fs, config);
    }

    /**
     * Values set by environment variables or --set arrive as text; adapters read JSON types, so
     * "true"/"false" and whole numbers are given their type here (a file's YAML types pass as they are).
     */
    static Object typed(Object v) {
      if (!(v instanceof String text)) {
        return v;
      }
      if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(text);
      }
      if (text.matches("-?\\d{1,18}")) {
        return Long.parseLong(text);
      }
      return text;
    }

    private static Map<String, JsonObject> withStore(Map<String, JsonObject> out, JsonObject fs,
                                                     io.nearflow.node.NodeConfig config) {
      if (!fs.containsKey("storeDir")) {
        fs.put("storeDir", config.dataDir().resolve("store").toString());
      }
      return out;
    }
  }
}
