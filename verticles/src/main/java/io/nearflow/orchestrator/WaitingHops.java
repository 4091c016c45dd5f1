package io.nearflow.orchestrator;

import io.nearflow.routing.RouteDecision;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Hops that found no capacity: one first-in-first-out queue per step type, worked off when a
 * slot frees or a target recovers (event-driven, no polling), keeping each hop's place. Also
 * words the reason a waiting hop's record shows. Used on the orchestrator's event loop only.
 */
final class WaitingHops {
  private final Map<String, ArrayDeque<PendingHop>> byType = new HashMap<>();

  void add(PendingHop hop) {
    byType.computeIfAbsent(hop.step.type(), t -> new ArrayDeque<>()).addLast(hop);
  }

  /**
   * Offers the waiting hops of a step type, oldest first; those that can go now leave the queue,
   * the others keep their places. A hop that cannot be placed does not hold back the hops behind
   * it: hops of one step type may have different placements (one that must run in a zone that is
   * cut off must not stop the ones that may run here).
   *
   * @param live false for a hop this orchestrator dropped meanwhile: it leaves the queue
   * @param placement what to do with a hop that can go now (run once it left the queue), or null
   *     when it cannot: it keeps waiting
   */
  void offer(String stepType, Predicate<PendingHop> live, Function<PendingHop, Runnable> placement) {
    ArrayDeque<PendingHop> q = byType.get(stepType);
    if (q == null || q.isEmpty()) {
      return;
    }
    // Placed one at a time (each booking changes what the next decision sees), from a snapshot:
    // placing a hop may queue it again (its booking lost a race), behind the ones still waiting.
    List<PendingHop> snapshot = new ArrayList<>(q);
    q.clear();
    for (PendingHop hop : snapshot) {
      if (!live.test(hop)) {
        continue;
      }
      Runnable place = placement.apply(hop);
      if (place == null) {
        q.addLast(hop);
      } else {
        place.run();
      }
    }
  }

  /** The step types with hops waiting. */
  List<String> stepTypes() {
    List<String> out = new ArrayList<>();
    byType.forEach((type, q) -> {
      if (!q.isEmpty()) {
        out.add(type);
      }
    });
    return out;
  }

  /** Why a hop waits, as its record says. {@code why} is null after repeated booking conflicts. */
  static String reason(PendingHop hop, boolean typeKnown, RouteDecision.NoCapacity why) {
    if (!typeKnown) {
      return "waiting: no live instance of step type '" + hop.step.type() + "'"
          + (hop.step.placement().isAnywhere() ? "" : " allowed by placement " + hop.step.placement());
    }
    return "waiting for capacity" + (why == null ? "" : " (" + why.candidates() + " candidates, "
        + why.atLimit() + " at their limit, " + why.unavailable() + " unavailable)");
  }
}
