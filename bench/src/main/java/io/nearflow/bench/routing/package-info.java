/**
 * Benchmarks of one routing decision ({@link io.nearflow.bench.routing.RoutingBenchmark}) and
 * the runner that turns a JMH run into {@code bench/results/routing/summary.json} and
 * {@code report.md} ({@link io.nearflow.bench.routing.RoutingBenchReport}). Depends on the
 * routing module only; does I/O only to write its results.
 */
package io.nearflow.bench.routing;
