package io.nearflow.bench.routing;

import io.nearflow.routing.RouteDecision;
import io.nearflow.routing.RoutingAlgorithm;
import io.nearflow.routing.RoutingAlgorithms;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One routing decision, per algorithm and number of candidate instances. Candidates are fixed
 * for the trial (a decision does not change them); each invocation routes the next of 64
 * pre-built hops, so data locality and tie-breaks vary between invocations.
 *
 * <p>{@link #decision} is the orchestrator's path: a {@code CandidateTable} kept current per
 * step type. {@link #decisionFromList} is the convenience path, which builds that table from a
 * list inside every decision.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RoutingBenchmark {

  @Param({"greedy", "load-spreading", "round-robin"})
  public String algorithm;

  @Param({"10", "100", "1000", "10000"})
  public int candidates;

  private RoutingWorkload workload;
  private RoutingAlgorithm router;
  private int next;

  @Setup
  public void setUp() {
    workload = RoutingWorkload.create(candidates, 42);
    router = RoutingAlgorithms.byName(algorithm);
  }

  @Benchmark
  public RouteDecision decision() {
    return router.route(workload.requests()[nextRequest()], workload.table());
  }

  @Benchmark
  public RouteDecision decisionFromList() {
    return router.route(workload.requests()[nextRequest()], workload.candidates(), workload.calc());
  }

  private int nextRequest() {
    return next++ & (RoutingWorkload.REQUESTS - 1);
  }
}
