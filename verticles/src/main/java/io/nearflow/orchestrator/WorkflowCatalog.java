package io.nearflow.orchestrator;

import com.hazelcast.core.EntryAdapter;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.nearflow.workflow.WorkflowDefinition;
import io.nearflow.workflow.WorkflowRepository;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Workflow definitions for the whole cluster: versions live in a Hazelcast map (one entry per
 * workflow name holding its version history), and every orchestrator node mirrors them to its own
 * disk ({@link WorkflowRepository}) so the definitions survive a restart of the whole cluster;
 * at start-up each orchestrator offers its disk copy back. Versions are immutable, so they are
 * cached locally once read; which version is the latest is cached too (a run names "latest" by
 * default: reading and parsing the history per run was a measurable share of a hop's CPU), and
 * forgotten on every change of the workflow's entry.
 */
final class WorkflowCatalog implements AutoCloseable {
  static final String WORKFLOWS = "nearflow.workflows";
  private static final Logger LOG = Logger.getLogger(WorkflowCatalog.class.getName());

  private final IMap<String, String> map;
  private final WorkflowRepository disk;
  private final Context context;
  private final Map<String, WorkflowDefinition> cache = new HashMap<>();
  /** name -> latest version, while no change of the entry was seen since it was read. */
  private final Map<String, Integer> latest = new java.util.concurrent.ConcurrentHashMap<>();
  /** name -> count of changes seen; a read caches "latest" only if none came in between. */
  private final Map<String, Long> changes = new java.util.concurrent.ConcurrentHashMap<>();
  private final UUID listener;

  WorkflowCatalog(HazelcastInstance hazelcast, WorkflowRepository disk, Context context) {
    this.map = hazelcast.getMap(WORKFLOWS);
    this.disk = disk;
    this.context = context;
    this.listener = map.addEntryListener(new Mirror(), true);
  }

  /** Offers the disk copy to the cluster (blocking: call from a worker thread). */
  void restoreFromDisk() {
    Map<String, List<WorkflowDefinition>> byName = new HashMap<>();
    for (WorkflowDefinition d : disk.loadAll()) {
      byName.computeIfAbsent(d.name(), n -> new ArrayList<>()).add(d);
    }
    byName.forEach((name, versions) -> {
      versions.sort(java.util.Comparator.comparingInt(WorkflowDefinition::version));
      JsonArray arr = new JsonArray();
      versions.forEach(v -> arr.add(v.toJson()));
      map.executeOnKey(name, new MergeWorkflowVersions(new JsonObject().put("versions", arr).encode()));
    });
    // A name deleted here has no version left on disk, only its used numbers: offer those, or
    // registering it again after a full restart would start at v1 again.
    disk.usedThrough().forEach((name, through) -> {
      if (!byName.containsKey(name)) {
        map.executeOnKey(name, new MergeWorkflowVersions(WorkflowHistory.deletedThrough(through)));
      }
    });
    if (!byName.isEmpty()) {
      LOG.info("offered " + byName.size() + " workflow(s) from " + disk.directory() + " to the cluster");
    }
  }

  /**
   * Registers a version. This node forgets its cached "latest" at once; other orchestrators do
   * when the map's change event reaches them (milliseconds), so a run asking them for "latest"
   * in that window still gets the previous version.
   */
  Future<WorkflowDefinition> register(WorkflowDefinition parsed) {
    changes.merge(parsed.name(), 1L, Long::sum);
    latest.remove(parsed.name());
    return Future.fromCompletionStage(
        map.submitToKey(parsed.name(), new RegisterWorkflowVersion(parsed, System.currentTimeMillis())), context)
        .map(json -> WorkflowDefinition.fromJson(new JsonObject(json)));
  }

  /** @param version 0 for the latest */
  Future<Optional<WorkflowDefinition>> get(String name, int version) {
    Integer wanted = version > 0 ? Integer.valueOf(version) : latest.get(name);
    WorkflowDefinition cached = wanted == null ? null : cache.get(name + "@" + wanted);
    if (cached != null) {
      return Future.succeededFuture(Optional.of(cached));
    }
    long seen = changes.getOrDefault(name, 0L);
    return Future.fromCompletionStage(map.getAsync(name), context).map(json -> {
      if (json == null) {
        return Optional.empty();
      }
      Optional<WorkflowDefinition> found = WorkflowHistory.of(json).live(version);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      WorkflowDefinition d = found.get();
      cache.put(name + "@" + d.version(), d);
      if (version == 0 && changes.getOrDefault(name, 0L) == seen) {
        latest.put(name, d.version());
      }
      return Optional.of(d);
    });
  }

  /** The latest version of every workflow, by name. */
  Future<List<WorkflowDefinition>> list() {
    return io.nearflow.cluster.ClusterCalls.blocking(context.owner(), () -> {
      List<WorkflowDefinition> out = new ArrayList<>();
      map.values().forEach(json -> WorkflowHistory.of(json).live(0).ifPresent(out::add));
      out.sort(java.util.Comparator.comparing(WorkflowDefinition::name));
      return out;
    });
  }

  /** Deletes every version; their numbers are not handed out again (see {@link WorkflowHistory}). */
  Future<Boolean> delete(String name) {
    forget(name);
    latest.remove(name);
    return Future.fromCompletionStage(map.submitToKey(name, new DeleteWorkflow()), context);
  }

  private void forget(String name) {
    cache.keySet().removeIf(k -> k.startsWith(name + "@"));
  }

  @Override
  public void close() {
    map.removeEntryListener(listener);
  }

  /** Keeps this node's disk copy equal to the cluster's (on a worker thread: disk I/O). */
  private final class Mirror extends EntryAdapter<String, String> {
    @Override
    public void onEntryEvent(EntryEvent<String, String> e) {
      String name = e.getKey();
      String value = e.getValue();
      changes.merge(name, 1L, Long::sum);
      latest.remove(name);
      WorkflowHistory history = WorkflowHistory.of(value);
      if (!history.hasLive()) {
        context.runOnContext(v -> forget(name)); // deleted on another node: stop serving cached versions
      }
      // Ordered on the orchestrator's context: events of one workflow are mirrored in order.
      context.executeBlocking(() -> {
        if (!history.hasLive()) {
          disk.delete(name);
          return null;
        }
        int onDisk = disk.latest(name).map(WorkflowDefinition::version).orElse(0);
        for (WorkflowDefinition d : history.liveVersions()) {
          if (d.version() <= onDisk) {
            continue;
          }
          WorkflowDefinition stored = disk.register(d);
          if (stored.version() != d.version()) {
            LOG.warning("disk copy of workflow " + name + " numbered v" + stored.version() + " where the cluster has v"
                + d.version() + "; " + disk.directory() + " may hold an older history");
          }
        }
        return null;
      }, true).onFailure(err -> LOG.warning("workflow " + name + " not mirrored to disk: " + err));
    }
  }
}
