package io.nearflow.orchestrator;

import io.nearflow.protocol.AgentReport;
import io.nearflow.protocol.InstanceInfo;
import io.nearflow.protocol.SlotLoad;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The exact slot table of the step instances this zone scheduler schedules. It is the only
 * writer, so booking is a local map operation (no entry processor, no round trip) and never
 * over-books. Agents report their instances and the hops they run ({@link AgentReport}); hops a
 * predecessor booked (before a fail-over) enter as <em>inherited</em> tokens, which the agent's
 * later reports retire once it no longer runs them, so a lost "slot freed" message cannot leave a
 * slot booked for good. Used on the orchestrator's event loop only.
 */
final class SlotTable {
  private static final class Slots {
    InstanceInfo info;
    final Set<String> booked = new HashSet<>();
    final Set<String> inherited = new HashSet<>();

    int inFlight() {
      return booked.size() + inherited.size();
    }
  }

  private final Map<String, Slots> instances = new LinkedHashMap<>();

  /**
   * Merges an agent's report for an instance this scheduler schedules ({@code mine} says which).
   *
   * @return the instances that are new or have a slot more than before
   */
  List<InstanceInfo> merge(AgentReport report, Predicate<InstanceInfo> mine) {
    List<InstanceInfo> freed = new ArrayList<>();
    Set<String> listed = new HashSet<>();
    for (SlotLoad load : report.leaving() ? List.<SlotLoad>of() : report.instances()) {
      if (!mine.test(load.info())) {
        continue;
      }
      listed.add(load.info().instanceId());
      Slots s = instances.get(load.info().instanceId());
      boolean fresh = s == null;
      if (fresh) {
        s = new Slots();
        instances.put(load.info().instanceId(), s);
      }
      int before = s.inFlight();
      s.info = load.info();
      s.inherited.retainAll(load.booked()); // the agent no longer runs those
      for (String token : load.booked()) {
        if (!s.booked.contains(token)) {
          s.inherited.add(token);
        }
      }
      if (fresh || s.inFlight() < before) {
        freed.add(s.info);
      }
    }
    instances.values().removeIf(s -> s.info.nodeId().equals(report.nodeId()) && !listed.contains(s.info.instanceId()));
    return freed;
  }

  /** Forgets instances that fail {@code keep} (their node left, or another scheduler has their zone now). */
  void retain(Predicate<InstanceInfo> keep) {
    instances.values().removeIf(s -> !keep.test(s.info));
  }

  /** Books a slot for {@code token}: false when the instance is full or unknown. Idempotent. */
  boolean book(String instanceId, String token) {
    Slots s = instances.get(instanceId);
    if (s == null) {
      return false;
    }
    if (s.booked.contains(token) || s.inherited.contains(token)) {
      return true;
    }
    if (s.inFlight() >= s.info.slots()) {
      return false;
    }
    s.booked.add(token);
    return true;
  }

  /** Frees the slot {@code token} holds: true when it held one (idempotent: false the second time). */
  boolean release(String instanceId, String token) {
    Slots s = instances.get(instanceId);
    return s != null && (s.booked.remove(token) | s.inherited.remove(token));
  }

  boolean schedules(String instanceId) {
    return instances.containsKey(instanceId);
  }

  InstanceInfo info(String instanceId) {
    Slots s = instances.get(instanceId);
    return s == null ? null : s.info;
  }

  int inFlight(String instanceId) {
    Slots s = instances.get(instanceId);
    return s == null ? 0 : s.inFlight();
  }

  /** Every instance with its count, for routing and the capacity summary. */
  List<SlotLoad> loads() {
    List<SlotLoad> out = new ArrayList<>(instances.size());
    instances.values().forEach(s -> out.add(SlotLoad.counted(s.info, s.inFlight())));
    return out;
  }

  int size() {
    return instances.size();
  }
}
