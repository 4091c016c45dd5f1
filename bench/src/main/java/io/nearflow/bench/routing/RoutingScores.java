package io.nearflow.bench.routing;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * JMH scores of one benchmark method, by algorithm then number of candidates: the average time
 * of one decision in nanoseconds and its 99.9% confidence half-width.
 */
record RoutingScores(Map<String, Map<Integer, Score>> byAlgorithm) {
  static final String[] ALGORITHMS = {"greedy", "load-spreading", "round-robin"};
  static final int[] SIZES = {10, 100, 1_000, 10_000};

  record Score(double nanos, double error) {}

  static RoutingScores of(Collection<RunResult> results) {
    Map<String, Map<Integer, Score>> scores = new TreeMap<>();
    for (RunResult run : results) {
      String algorithm = run.getParams().getParam("algorithm");
      int candidates = Integer.parseInt(run.getParams().getParam("candidates"));
      Result<?> primary = run.getPrimaryResult();
      scores.computeIfAbsent(algorithm, a -> new TreeMap<>())
          .put(candidates, new Score(primary.getScore(), primary.getScoreError()));
    }
    return new RoutingScores(scores);
  }

  Score score(String algorithm, int candidates) {
    Score s = byAlgorithm.getOrDefault(algorithm, Map.of()).get(candidates);
    if (s == null) {
      throw new IllegalStateException("no JMH result for " + algorithm + " at " + candidates + " candidates");
    }
    return s;
  }

  /** Time ratio between {@code candidates} and a tenth of it: 10 means linear growth. */
  double growth(String algorithm, int candidates) {
    return score(algorithm, candidates).nanos() / score(algorithm, candidates / 10).nanos();
  }

  /** The smallest ratio the two scores' confidence intervals allow (JMH's 99.9% error bars). */
  double lowestGrowth(String algorithm, int candidates) {
    Score big = score(algorithm, candidates);
    Score small = score(algorithm, candidates / 10);
    return Math.max(0, big.nanos() - big.error()) / (small.nanos() + small.error());
  }
}
