package io.nearflow.orchestrator;

import com.hazelcast.core.EntryAdapter;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.MapEvent;
import io.nearflow.protocol.InstanceInfo;
import io.nearflow.routing.Candidate;
import io.nearflow.worktracker.LoadRecord;
import io.nearflow.worktracker.WorkTracker;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The orchestrator's local, asynchronously kept copy of every step instance and its load: the
 * routing decision reads only this (no remote call). Fed by entry events of the work tracker's
 * maps and by the replies of this orchestrator's own bookings; a value only replaces an older one
 * (by {@link LoadRecord#version()}), so events arriving late never roll a count back.
 */
final class CandidateIndex implements AutoCloseable {
  private final Map<String, InstanceInfo> instances = new ConcurrentHashMap<>();
  private final Map<String, LoadRecord> loads = new ConcurrentHashMap<>();
  private final WorkTracker tracker;
  private final Consumer<InstanceInfo> capacityFreed;
  private final UUID instanceListener;
  private final UUID loadListener;

  /** @param capacityFreed called (on a Hazelcast thread) when an instance may take more work */
  CandidateIndex(WorkTracker tracker, Consumer<InstanceInfo> capacityFreed) {
    this.tracker = tracker;
    this.capacityFreed = capacityFreed;
    this.instanceListener = tracker.instancesMap().addEntryListener(new InstanceEvents(), true);
    this.loadListener = tracker.loadMap().addEntryListener(new LoadEvents(), true);
  }

  /** Reads the current maps once (blocking: call from a worker thread). */
  void preload() {
    tracker.instancesMap().forEach((id, json) -> instances.put(id, InstanceInfo.fromJson(new JsonObject(json))));
    tracker.loadMap().forEach(this::offer);
  }

  /**
   * The candidates for a step type as routing sees them.
   *
   * @param alive node ids currently in the cluster
   * @param allowed placement constraint on an instance
   * @param available false when the instance's circuit breaker is open
   */
  List<Candidate> candidates(String stepType, Set<String> alive, Predicate<InstanceInfo> allowed,
                             Predicate<String> available) {
    List<Candidate> out = new ArrayList<>();
    for (InstanceInfo info : instances.values()) {
      if (!info.stepType().equals(stepType) || !alive.contains(info.nodeId()) || !allowed.test(info)) {
        continue;
      }
      LoadRecord load = loads.get(info.instanceId());
      if (load == null) {
        continue;
      }
      out.add(new Candidate(info.instanceId(), info.locality(), load.inFlight(), load.slots(),
          available.test(info.instanceId())));
    }
    // A stable order keeps decisions deterministic for the same inputs.
    out.sort(java.util.Comparator.comparing(Candidate::id));
    return out;
  }

  InstanceInfo instance(String instanceId) {
    return instances.get(instanceId);
  }

  java.util.Collection<InstanceInfo> inZone(String zone) {
    return instances.values().stream().filter(i -> i.zone().equals(zone)).toList();
  }

  boolean hasType(String stepType) {
    return instances.values().stream().anyMatch(i -> i.stepType().equals(stepType));
  }

  /** Records a load value if it is newer than what is known. */
  void offer(String instanceId, LoadRecord value) {
    if (value == null) {
      return;
    }
    LoadRecord before = loads.get(instanceId);
    loads.merge(instanceId, value, (old, neu) -> neu.version() >= old.version() ? neu : old);
    if (before != null && value.version() > before.version() && value.inFlight() < before.inFlight()) {
      InstanceInfo info = instances.get(instanceId);
      if (info != null) {
        capacityFreed.accept(info);
      }
    }
  }

  @Override
  public void close() {
    tracker.instancesMap().removeEntryListener(instanceListener);
    tracker.loadMap().removeEntryListener(loadListener);
  }

  private final class InstanceEvents extends EntryAdapter<String, String> {
    @Override
    public void onEntryEvent(EntryEvent<String, String> e) {
      if (e.getValue() == null) {
        instances.remove(e.getKey());
      } else {
        InstanceInfo info = InstanceInfo.fromJson(new JsonObject(e.getValue()));
        instances.put(e.getKey(), info);
        capacityFreed.accept(info);
      }
    }

    @Override
    public void onMapEvent(MapEvent event) {
      instances.clear();
    }
  }

  private final class LoadEvents extends EntryAdapter<String, LoadRecord> {
    @Override
    public void onEntryEvent(EntryEvent<String, LoadRecord> e) {
      if (e.getValue() == null) {
        loads.remove(e.getKey());
      } else {
        offer(e.getKey(), e.getValue());
      }
    }

    @Override
    public void onMapEvent(MapEvent event) {
      loads.clear();
    }
  }
}
