package io.nearflow.orchestrator;

import com.hazelcast.map.IMap;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.nearflow.protocol.InstanceInfo;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * One Resilience4j circuit breaker per step instance and one per zone, as this orchestrator sees
 * them. Only "target is sick" results are recorded as failures (dispatch timeouts, no handler,
 * hop timeouts, an unavailable step process); a step's own error proves the target answered and
 * counts as a success. Routing treats an instance as unavailable while its breaker or its zone's
 * breaker is open, so work flows to the next nearest capacity. Transitions are published in the
 * map {@code nearflow.breakers} (for the topology API) and reported to a listener (so queued hops
 * are routed again when a target comes back).
 */
final class Breakers {
  static final String MAP = "nearflow.breakers";
  private static final Logger LOG = Logger.getLogger(Breakers.class.getName());

  private final CircuitBreakerRegistry registry;
  private final io.github.resilience4j.circuitbreaker.CircuitBreakerConfig zoneConfig;
  private final IMap<String, String> published;
  private final String orchestratorNodeId;
  private final Consumer<String> recovered;

  private final java.util.function.Function<String, java.util.Collection<InstanceInfo>> instancesInZone;

  /**
   * @param recovered called with the target when a breaker leaves OPEN (on a breaker thread)
   * @param instancesInZone the step instances this orchestrator knows in a zone
   */
  Breakers(BreakerSettings settings, IMap<String, String> published, String orchestratorNodeId, Consumer<String> recovered,
           java.util.function.Function<String, java.util.Collection<InstanceInfo>> instancesInZone) {
    this.instancesInZone = instancesInZone;
    this.registry = CircuitBreakerRegistry.of(settings.toConfig());
    this.zoneConfig = settings.zoneConfig();
    this.published = published;
    this.orchestratorNodeId = orchestratorNodeId;
    this.recovered = recovered;
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
        published.setAsync(orchestratorNodeId + "|" + target, new JsonObject().put("orchestrator", orchestratorNodeId)
            .put("target", target).put("state", to.name()).put("since", System.currentTimeMillis()).encode());
        if (to != CircuitBreaker.State.OPEN) {
          recovered.accept(target);
        }
      });
      return b;
    });
  }

  /** False while the instance's or its zone's breaker is open. */
  boolean available(InstanceInfo info) {
    return !isOpen(info.instanceId()) && !isOpen(zoneTarget(info.zone()));
  }

  private boolean isOpen(String target) {
    return registry.find(target).map(b -> b.getState() == CircuitBreaker.State.OPEN
        || b.getState() == CircuitBreaker.State.FORCED_OPEN).orElse(false);
  }

  /** The target answered (a dispatch was acknowledged, or a hop ended, even with the step's own error). */
  void answered(InstanceInfo info) {
    breaker(info.instanceId()).onSuccess(0, TimeUnit.NANOSECONDS);
    breaker(zoneTarget(info.zone())).onSuccess(0, TimeUnit.NANOSECONDS);
  }

  /** The target looked sick: a timeout, no handler, an unavailable step process. */
  void sick(InstanceInfo info, String why) {
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

  private boolean everyInstanceOpen(String zone) {
    var all = instancesInZone.apply(zone);
    return !all.isEmpty() && all.stream().allMatch(i -> isOpen(i.instanceId()));
  }

  CircuitBreaker.State state(String target) {
    return registry.find(target).map(CircuitBreaker::getState).orElse(CircuitBreaker.State.CLOSED);
  }
}
