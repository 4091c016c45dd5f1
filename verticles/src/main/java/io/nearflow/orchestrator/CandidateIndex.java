package io.nearflow.orchestrator;

import io.nearflow.cluster.CapacityView;
import io.nearflow.protocol.InstanceInfo;
import io.nearflow.protocol.SlotLoad;
import io.nearflow.routing.Candidate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What routing sees, with no remote call: the instances this zone scheduler schedules, from its
 * exact {@link SlotTable}, and the instances other schedulers published in their capacity
 * summaries ({@link CapacityView}: a few hundred milliseconds old at most, and absent when stale).
 * A hop routed to one of the latter is handed to that instance's scheduler, which books it.
 */
final class CandidateIndex {
  private final SlotTable own;
  private final CapacityView others;

  CandidateIndex(SlotTable own, CapacityView others) {
    this.own = own;
    this.others = others;
  }

  /**
   * The candidates for a step type as routing sees them.
   *
   * @param alive node ids currently in the cluster
   * @param allowed placement constraint on an instance
   * @param available false when the instance's circuit breaker is open
   * @param ownOnly only the instances this scheduler books itself (a hop spilled here stays here)
   */
  List<Candidate> candidates(String stepType, Set<String> alive, Predicate<InstanceInfo> allowed,
                             Predicate<String> available, boolean ownOnly) {
    List<Candidate> out = new ArrayList<>();
    addAll(out, own.loads(), stepType, alive, allowed, available);
    if (!ownOnly) {
      addAll(out, others.instances(), stepType, alive, i -> allowed.test(i) && !own.schedules(i.instanceId()), available);
    }
    // A stable order keeps decisions deterministic for the same inputs.
    out.sort(Comparator.comparing(Candidate::id));
    return out;
  }

  private static void addAll(List<Candidate> out, List<SlotLoad> loads, String stepType, Set<String> alive,
                             Predicate<InstanceInfo> allowed, Predicate<String> available) {
    for (SlotLoad l : loads) {
      InstanceInfo info = l.info();
      if (info.stepType().equals(stepType) && alive.contains(info.nodeId()) && allowed.test(info)) {
        out.add(new Candidate(info.instanceId(), info.locality(), l.inFlight(), info.slots(),
            available.test(info.instanceId())));
      }
    }
  }

  /** True when this scheduler books the instance itself; otherwise a hop for it is handed off. */
  boolean schedules(String instanceId) {
    return own.schedules(instanceId);
  }

  InstanceInfo instance(String instanceId) {
    InstanceInfo mine = own.info(instanceId);
    if (mine != null) {
      return mine;
    }
    for (SlotLoad l : others.instances()) {
      if (l.info().instanceId().equals(instanceId)) {
        return l.info();
      }
    }
    return null;
  }

  Collection<InstanceInfo> inZone(String zone) {
    List<InstanceInfo> out = new ArrayList<>();
    own.loads().forEach(l -> {
      if (l.info().zone().equals(zone)) {
        out.add(l.info());
      }
    });
    others.instances().forEach(l -> {
      if (l.info().zone().equals(zone) && !own.schedules(l.info().instanceId())) {
        out.add(l.info());
      }
    });
    return out;
  }

  boolean hasType(String stepType) {
    return own.loads().stream().anyMatch(l -> l.info().stepType().equals(stepType))
        || others.instances().stream().anyMatch(l -> l.info().stepType().equals(stepType));
  }
}
