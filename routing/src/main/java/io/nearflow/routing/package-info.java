/**
 * The routing core: where a hop goes.
 *
 * <p>This package holds the locality model ({@link io.nearflow.routing.Locality}), the topology
 * file as data ({@link io.nearflow.routing.TopologySpec}), the distance calculator
 * ({@link io.nearflow.routing.DistanceCalculator}, an immutable snapshot), the candidates
 * ({@link io.nearflow.routing.Candidate}, kept current in a
 * {@link io.nearflow.routing.CandidateTable}) and the routing algorithms
 * ({@link io.nearflow.routing.RoutingAlgorithm}, selected by name through
 * {@link io.nearflow.routing.RoutingAlgorithms}).
 *
 * <p>It is plain Java on purpose: no Vert.x, no I/O, no clock, no locks. A decision is a
 * function of a {@link io.nearflow.routing.RouteRequest}, the candidates and a distance
 * snapshot (plus round-robin's rotation), so it can be read, tested and benchmarked alone. The
 * verticles own the live inputs (in-flight counts, breakers, hosts joining) and keep them
 * current here asynchronously; a decision never waits on remote state.
 */
package io.nearflow.routing;
