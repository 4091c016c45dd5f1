package io.nearflow.orchestrator;

import com.hazelcast.map.IMap;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.nearflow.protocol.InstanceInfo;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * One Resilience4j circuit breaker per step instance and one per zone, as this orchestrator sees
 * them. Only "target is sick" results are recorded as failures (dispatch timeouts, no handler,
 * hop timeouts, an unavailable step process); a step's own error proves the target answered and
 * counts as a success. Routing treats an instance as unavailable while its breaker or its zone's
 * breaker is open, so work flows to the next nearest capacity. A half-open breaker admits only its
 * trial hops ({@code permittedNumberOfCallsInHalfOpenState}): asking whether an instance is
 * available takes a Resilience4j permit, so a queue of hops woken by the transition does not all
 * go to a target that may still be sick. Transitions are published in the
 * map {@code nearflow.breakers} (for the topology API) and reported to a listener (so queued hops
 * are routed again when a target comes back).
 */
final class Breakers {
  static final String MAP = "nearflow.breakers";
  private static final Logger LOG = Logger.getLogger(Breakers.class.getName());

  private final CircuitBreakerRegistry registry;
  private final io.github.resilience4j.circuitbreaker.CircuitBreakerConfig zoneConfig;
  private final BiConsumer<String, String> publish;
  private final String orchestratorNodeId;
  private final Consumer<String> recovered;
  private final java.util.function.Function<String, java.util.Collection<InstanceInfo>> instancesInZone;
  private final Clock clock;
  private final long trialLeaseMs;
  /**
   * When each half-open target last granted a trial permit that no result has settled yet. Routing
   * asks about every candidate, not only the one it picks, so a permit may be taken for a hop that
   * went elsewhere; Resilience4j would then wait for that trial's result forever. A permit left
   * unsettled for one open period is handed back ({@code releasePermission}) and offered again.
   */
  private final Map<String, Long> trialsGranted = new HashMap<>();

  /**
   * @param recovered called with the target when a breaker leaves OPEN (on a breaker thread)
   * @param instancesInZone the step instances this orchestrator knows in a zone
   */
  Breakers(BreakerSettings settings, IMap<String, String> published, String orchestratorNodeId, Consumer<String> recovered,
           java.util.function.Function<String, java.util.Collection<InstanceInfo>> instancesInZone) {
    this(settings, (key, state) -> published.setAsync(key, state), orchestratorNodeId, recovered, instancesInZone,
        Clock.systemUTC());
  }

  /** @param publish writes a transition to the breaker map (key, state as JSON) */
  Breakers(BreakerSettings settings, BiConsumer<String, String> publish, String orchestratorNodeId,
           Consumer<String> recovered, java.util.function.Function<String, java.util.Collection<InstanceInfo>> instancesInZone,
           Clock clock) {
    this.instancesInZone = instancesInZone;
    this.registry = CircuitBreakerRegistry.of(settings.toConfig());
    this.zoneConfig = settings.zoneConfig();
    this.publish = publish;
    this.orchestratorNodeId = orchestratorNodeId;
    this.recovered = recovered;
    this.clock = clock;
    this.trialLeaseMs = settings.openFor().toMillis();
  }

  static String zoneTarget(String zone) {
    return "zone:" + zone;
  }

  private CircuitBreaker breaker(String target) {
    return registry.find(target).orElseGet(() -> {
      CircuitBreaker b = target.startsWith("zone:") ? registry.circuitBreaker(target, zoneConfig)
          : registry.circuitBreaker(target);
      b.getEventPublisher().onStateTransition(e -> {
        var to = e.getStateTransition().getToState();
        LOG.info("breaker " + target + " " + e.getStateTransition().getFromState() + " -> " + to
            + " (orchestrator " + orchestratorNodeId + ")");
        publish.accept(orchestratorNodeId + "|" + target, new JsonObject().put("orchestrator", orchestratorNodeId)
            .put("target", target).put("state", to.name()).put("since", System.currentTimeMillis()).encode());
        if (to != CircuitBreaker.State.OPEN) {
          recovered.accept(target);
        }
      });
      return b;
    });
  }

  /**
   * Whether routing may consider the instance: false while its breaker or its zone's breaker is
   * open, or half-open with its one trial already given to a hop. Takes nothing: routing asks this
   * of every candidate, and only the chosen one takes a trial ({@link #takeTrial}).
   */
  boolean routable(InstanceInfo info) {
    String zone = zoneTarget(info.zone());
    return !isOpen(info.instanceId()) && !isOpen(zone) && !trialTaken(info.instanceId()) && !trialTaken(zone);
  }

  private boolean trialTaken(String target) {
    CircuitBreaker b = registry.find(target).orElse(null);
    if (b == null || b.getState() != CircuitBreaker.State.HALF_OPEN) {
      return false;
    }
    Long granted = trialsGranted.get(target);
    if (granted != null && clock.millis() - granted >= trialLeaseMs) {
      // No result within an open period (the hop went elsewhere, or its answer was lost): offer it again.
      b.releasePermission();
      trialsGranted.remove(target);
      return false;
    }
    return granted != null;
  }

  /**
   * Takes the permits a hop needs to be sent to the instance: nothing to take while both breakers
   * are closed; the one trial of a half-open breaker otherwise. False when a permit is refused
   * (the hop must go elsewhere); then nothing stays taken.
   */
  boolean takeTrial(InstanceInfo info) {
    String zone = zoneTarget(info.zone());
    if (isOpen(info.instanceId()) || isOpen(zone)) {
      return false;
    }
    if (!permit(zone)) {
      return false;
    }
    if (!permit(info.instanceId())) {
      release(zone); // the zone's trial was not used
      return false;
    }
    return true;
  }

  private boolean permit(String target) {
    CircuitBreaker b = registry.find(target).orElse(null);
    if (b == null) {
      return true; // never failed: closed
    }
    if (b.tryAcquirePermission()) {
      if (b.getState() == CircuitBreaker.State.HALF_OPEN) {
        trialsGranted.put(target, clock.millis());
      }
      return true;
    }
    Long granted = trialsGranted.get(target);
    if (b.getState() == CircuitBreaker.State.HALF_OPEN && granted != null
        && clock.millis() - granted >= trialLeaseMs) {
      // No result within an open period: the hop went elsewhere. Offer the trial again.
      b.releasePermission();
      trialsGranted.remove(target);
      return permit(target);
    }
    return false;
  }

  private void release(String target) {
    registry.find(target).ifPresent(b -> {
      if (b.getState() == CircuitBreaker.State.HALF_OPEN && trialsGranted.remove(target) != null) {
        b.releasePermission();
      }
    });
  }

  private boolean isOpen(String target) {
    return registry.find(target).map(b -> b.getState() == CircuitBreaker.State.OPEN
        || b.getState() == CircuitBreaker.State.FORCED_OPEN).orElse(false);
  }

  /** The target answered (a dispatch was acknowledged, or a hop ended, even with the step's own error). */
  void answered(InstanceInfo info) {
    settled(info);
    breaker(info.instanceId()).onSuccess(0, TimeUnit.NANOSECONDS);
    breaker(zoneTarget(info.zone())).onSuccess(0, TimeUnit.NANOSECONDS);
  }

  /** The target looked sick: a timeout, no handler, an unavailable step process. */
  void sick(InstanceInfo info, String why) {
    settled(info);
    RuntimeException cause = new IllegalStateException(why);
    breaker(info.instanceId()).onError(0, TimeUnit.NANOSECONDS, cause);
    CircuitBreaker zone = breaker(zoneTarget(info.zone()));
    zone.onError(0, TimeUnit.NANOSECONDS, cause);
    // Once every instance of the zone is open, nothing more is sent there and the zone's own
    // window would stop filling: the zone is down, whatever its failure rate says.
    if (zone.getState() == CircuitBreaker.State.CLOSED && everyInstanceOpen(info.zone())) {
      zone.transitionToOpenState();
    }
  }

  private void settled(InstanceInfo info) {
    trialsGranted.remove(info.instanceId());
    trialsGranted.remove(zoneTarget(info.zone()));
  }

  private boolean everyInstanceOpen(String zone) {
    var all = instancesInZone.apply(zone);
    return !all.isEmpty() && all.stream().allMatch(i -> isOpen(i.instanceId()));
  }

  CircuitBreaker.State state(String target) {
    return registry.find(target).map(CircuitBreaker::getState).orElse(CircuitBreaker.State.CLOSED);
  }
}
