package io.nearflow.routing;

import java.util.Optional;

/**
 * The answer of a {@link RoutingAlgorithm}: either {@link Routed} to one candidate, or
 * {@link NoCapacity}, on which the caller queues the hop until capacity frees. "No capacity"
 * is an ordinary answer, never an exception.
 */
public sealed interface RouteDecision permits RouteDecision.Routed, RouteDecision.NoCapacity {

  /** The chosen candidate, or empty when no candidate can take the hop. */
  Optional<Candidate> target();

  /** Whether a candidate was chosen. */
  default boolean isRouted() {
    return this instanceof Routed;
  }

  /**
   * The hop goes to {@code candidate}.
   *
   * @param candidate the chosen step instance
   * @param index its position in the candidate list or table passed to the algorithm
   * @param distance distance from the data to it (0 = same host), for metrics and logs
   */
  record Routed(Candidate candidate, int index, int distance) implements RouteDecision {
    @Override
    public Optional<Candidate> target() {
      return Optional.of(candidate);
    }
  }

  /**
   * No candidate can take the hop now; the hop waits for capacity.
   *
   * @param candidates how many candidates were considered
   * @param atLimit how many of them had {@code inFlight >= maxLoad}
   * @param unavailable how many were unavailable (breaker open), whatever their load
   */
  record NoCapacity(int candidates, int atLimit, int unavailable) implements RouteDecision {
    /** Counts why each candidate was refused; called only on the (rare) no-capacity path. */
    static NoCapacity of(CandidateTable table) {
      int atLimit = 0;
      int unavailable = 0;
      for (int i = 0; i < table.size(); i++) {
        Candidate c = table.candidate(i);
        if (!c.available()) {
          unavailable++;
        } else if (c.inFlight() >= c.maxLoad()) {
          atLimit++;
        }
      }
      return new NoCapacity(table.size(), atLimit, unavailable);
    }

    @Override
    public Optional<Candidate> target() {
      return Optional.empty();
    }

    /** A sentence a person can act on, for logs and the hop's waiting state. */
    public String reason() {
      if (candidates == 0) {
        return "no step instance is registered for this step (or none passes its placement constraints)";
      }
      return "all " + candidates + " step instances are busy: " + atLimit + " at their load limit, "
          + unavailable + " unavailable (circuit breaker open)";
    }
  }
}
