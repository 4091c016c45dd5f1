package io.nearflow.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.EntryAdapter;
import com.hazelcast.map.MapEvent;
import com.hazelcast.map.IMap;
import java.util.concurrent.ConcurrentHashMap;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The live cluster view of one node. Identity (zone, host, roles) travels as Hazelcast member
 * attributes, fixed when the member starts; endpoints (HTTP, gRPC URLs), known only once servers
 * listen, travel in a cluster map keyed by member UUID (a map, not a replicated map: lite
 * members, which edge boxes are, cannot hold replicated maps), mirrored locally by an entry
 * listener. Reads are lock-free snapshot reads;
 * membership and endpoint events rebuild the snapshot and notify listeners on the Hazelcast
 * event thread, so listeners must hand work to their own context.
 */
public final class ClusterView implements AutoCloseable {
  public static final String ATTR_NODE_ID = "nearflow.nodeId";
  public static final String ATTR_ZONE = "nearflow.zone";
  public static final String ATTR_HOST = "nearflow.host";
  public static final String ATTR_ROLES = "nearflow.roles";
  static final String ENDPOINTS_MAP = "nearflow.endpoints";

  private static final Logger LOG = Logger.getLogger(ClusterView.class.getName());

  private final HazelcastInstance hazelcast;
  private final List<String> topologyZones;
  private final IMap<String, String> endpoints;
  private final Map<String, String> endpointCache = new ConcurrentHashMap<>();
  private final AtomicReference<ClusterSnapshot> current = new AtomicReference<>();
  private final List<Consumer<ClusterSnapshot>> listeners = new CopyOnWriteArrayList<>();
  private final UUID membershipRegistration;
  private final UUID endpointRegistration;
  private final UUID lifecycleRegistration;
  private final List<Runnable> mergedListeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> rewriteListeners = new CopyOnWriteArrayList<>();
  /** What this node published, so it can publish it again under the UUID a merge gives it. */
  private volatile Map<String, String> published = Map.of();

  public ClusterView(HazelcastInstance hazelcast, List<String> topologyZones) {
    this.hazelcast = hazelcast;
    this.topologyZones = List.copyOf(topologyZones);
    this.endpoints = hazelcast.getMap(ENDPOINTS_MAP);
    this.membershipRegistration = hazelcast.getCluster().addMembershipListener(new Membership());
    this.endpointRegistration = endpoints.addEntryListener(new EndpointChanges(), true);
    this.lifecycleRegistration = hazelcast.getLifecycleService().addLifecycleListener(event -> {
      if (event.getState() == com.hazelcast.core.LifecycleEvent.LifecycleState.MERGED) {
        merged();
      }
    });
    // Blocking, once, at start: the constructor runs on a worker thread.
    endpointCache.putAll(endpoints);
    rebuild();
  }

  public ClusterSnapshot snapshot() {
    return current.get();
  }

  /** Called with every new snapshot (on a Hazelcast thread), and once at once with the current one. */
  public void onChange(Consumer<ClusterSnapshot> listener) {
    listeners.add(listener);
    listener.accept(current.get());
  }

  public void removeListener(Consumer<ClusterSnapshot> listener) {
    listeners.remove(listener);
  }

  /** Publishes this node's endpoints (after its servers listen) to every node's view. */
  public void publishEndpoints(Map<String, String> named) {
    published = Map.copyOf(named);
    String id = hazelcast.getCluster().getLocalMember().getUuid().toString();
    String json = new JsonObject(Map.copyOf(named)).encode();
    endpointCache.put(id, json);
    endpoints.setAsync(id, json);
    rebuild();
  }

  /**
   * Called (on a Hazelcast thread) after this node's side of a split merged back into the cluster:
   * Hazelcast gave the smaller side's members new UUIDs and resolved map entries by merge policy.
   */
  public void onMerged(Runnable listener) {
    mergedListeners.add(listener);
  }

  /**
   * Called (on a Hazelcast thread) when what this node wrote to cluster maps may be gone or stale:
   * after a MERGED event, and whenever other members join, which is how the larger side of a split
   * sees the merge (it gets no MERGED event, yet partitions whose copies were all on the other side
   * were empty on this side while apart). This node's endpoints are re-published before the
   * listeners run.
   */
  public void onRewriteNeeded(Runnable listener) {
    rewriteListeners.add(listener);
  }

  public void removeMergedListener(Runnable listener) {
    mergedListeners.remove(listener);
    rewriteListeners.remove(listener);
  }

  private void merged() {
    LOG.info("merged back into the cluster as member " + localMemberId() + "; re-publishing endpoints");
    rewrite();
    notify(mergedListeners);
  }

  /**
   * Reads the endpoints map again (off Hazelcast's event thread): entries that were already there
   * when this node's side merged into the other raise no event here, and this node's cache dropped
   * them when their members left during the split.
   */
  private void reloadEndpoints() {
    java.util.concurrent.CompletableFuture.runAsync(() -> {
      try {
        endpointCache.putAll(endpoints);
        rebuild();
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "endpoints not reloaded", e);
      }
    });
  }

  private void rewrite() {
    reloadEndpoints();
    if (!published.isEmpty()) {
      publishEndpoints(published);
    } else {
      rebuild();
    }
    notify(rewriteListeners);
  }

  private static void notify(List<Runnable> listeners) {
    for (Runnable l : listeners) {
      try {
        l.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "cluster view listener failed", e);
      }
    }
  }

  public String localMemberId() {
    return hazelcast.getCluster().getLocalMember().getUuid().toString();
  }

  @Override
  public void close() {
    try {
      hazelcast.getCluster().removeMembershipListener(membershipRegistration);
      endpoints.removeEntryListener(endpointRegistration);
      hazelcast.getLifecycleService().removeLifecycleListener(lifecycleRegistration);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "cluster view listeners already gone", e);
    }
    listeners.clear();
    mergedListeners.clear();
    rewriteListeners.clear();
  }

  /** Synchronized so that two event threads cannot publish snapshots out of order. */
  private synchronized void rebuild() {
    Collection<Member> members = hazelcast.getCluster().getMembers();
    List<NodeDescriptor> nodes = new ArrayList<>();
    for (Member m : members) {
      String nodeId = m.getAttribute(ATTR_NODE_ID);
      if (nodeId == null) {
        continue; // not a Nearflow node (e.g. a management client); not part of the view
      }
      String roles = m.getAttribute(ATTR_ROLES);
      nodes.add(new NodeDescriptor(nodeId, m.getAttribute(ATTR_ZONE), m.getAttribute(ATTR_HOST),
          roles == null || roles.isEmpty() ? List.of() : Arrays.asList(roles.split(",")),
          m.getUuid().toString(), m.getAddress().getHost() + ":" + m.getAddress().getPort(),
          endpointsOf(m.getUuid().toString())));
    }
    ClusterSnapshot next = new ClusterSnapshot(topologyZones, nodes);
    current.set(next);
    for (Consumer<ClusterSnapshot> l : listeners) {
      try {
        l.accept(next);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "cluster view listener failed", e);
      }
    }
  }

  private Map<String, String> endpointsOf(String memberId) {
    String json = endpointCache.get(memberId);
    if (json == null) {
      return Map.of();
    }
    Map<String, String> out = new java.util.HashMap<>();
    new JsonObject(json).forEach(e -> out.put(e.getKey(), String.valueOf(e.getValue())));
    return out;
  }

  private final class Membership implements MembershipListener {
    @Override
    public void memberAdded(MembershipEvent event) {
      rebuild();
      if (!event.getMember().localMember()) {
        rewrite();
      }
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
      rebuild();
      // Partitions whose copies were all on the departed member start empty: this node's own
      // endpoints may have been there.
      if (!published.isEmpty()) {
        publishEndpoints(published);
      }
      // The oldest member forgets the departed member's endpoints so the map does not grow forever.
      Set<Member> members = event.getMembers();
      String gone = event.getMember().getUuid().toString();
      endpointCache.remove(gone);
      if (!members.isEmpty() && members.iterator().next().localMember()) {
        endpoints.removeAsync(gone);
      }
    }
  }

  /** Any change to the endpoints map (added, updated, removed, cleared) rebuilds the view. */
  private final class EndpointChanges extends EntryAdapter<String, String> {
    @Override
    public void onEntryEvent(EntryEvent<String, String> event) {
      if (event.getValue() == null) {
        endpointCache.remove(event.getKey());
      } else {
        endpointCache.put(event.getKey(), event.getValue());
      }
      rebuild();
    }

    @Override
    public void onMapEvent(MapEvent event) {
      endpointCache.clear();
      rebuild();
    }
  }
}
