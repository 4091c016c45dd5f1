package io.nearflow.failure;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.testing.ApiClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Assertions and readings shared by the failure tests. */
final class FailureChecks {
  private FailureChecks() {}

  /**
   * The promise of at-least-once without duplicates, seen from outside: every run SUCCEEDED, every
   * run has exactly one final output (one input in, one unit out, for the one-output steps these
   * tests use), the final outputs add up to the number of inputs and no unit is counted twice.
   */
  static void everyRunSucceededWithExactlyOneFinalOutput(List<JsonObject> runs, int inputs, String context) {
    assertThat(runs).as("runs of %s", context).hasSize(inputs);
    List<String> notSucceeded = runs.stream().filter(r -> !"SUCCEEDED".equals(r.getString("state")))
        .map(ApiClient::summary).toList();
    assertThat(notSucceeded).as("%s: %d of %d runs did not succeed (first 5 shown):\n%s", context, notSucceeded.size(),
        runs.size(), notSucceeded.stream().limit(5).collect(Collectors.joining("\n"))).isEmpty();
    List<String> wrongCount = runs.stream().filter(r -> r.getJsonArray("finalOutputs", new JsonArray()).size() != 1)
        .map(ApiClient::summary).toList();
    assertThat(wrongCount).as("%s: runs without exactly one final output (a duplicate or a lost output):\n%s", context,
        wrongCount.stream().limit(5).collect(Collectors.joining("\n"))).isEmpty();
    int total = runs.stream().mapToInt(r -> r.getJsonArray("finalOutputs").size()).sum();
    assertThat(total).as("%s: final outputs over all runs", context).isEqualTo(inputs);
    Set<String> seen = new HashSet<>();
    List<String> dup = new ArrayList<>();
    for (JsonObject r : runs) {
      for (Object o : r.getJsonArray("finalOutputs")) {
        String id = ((JsonObject) o).getString("id");
        if (!seen.add(id)) {
          dup.add(id);
        }
      }
    }
    assertThat(dup).as("%s: final output units listed by more than one run", context).isEmpty();
  }

  /** Every hop of every run, flattened. */
  static List<JsonObject> allHops(List<JsonObject> runs) {
    List<JsonObject> out = new ArrayList<>();
    runs.forEach(r -> out.addAll(ApiClient.hops(r)));
    return out;
  }

  /** {@code routedAt} (epoch µs) as epoch ms. */
  static long routedAtMs(JsonObject hop) {
    return hop.getLong("routedAt", 0L) / 1000;
  }

  /** The {@code breakers} of GET /topology, or null when the API does not report breakers. */
  static JsonArray breakers(JsonObject topology) {
    Object b = topology.getValue("breakers");
    return b instanceof JsonArray a ? a : null;
  }

  static List<JsonObject> breakersFor(JsonObject topology, String target) {
    JsonArray all = breakers(topology);
    if (all == null) {
      return List.of();
    }
    return all.stream().map(o -> (JsonObject) o).filter(b -> target.equals(b.getString("target"))).toList();
  }

  /**
   * Polls {@code condition} every {@code intervalMs} until it holds; an API error while nodes come
   * and go counts as "not yet". Returns the milliseconds waited; fails with {@code what} at the deadline.
   */
  static long pollUntil(java.util.function.BooleanSupplier condition, java.time.Duration timeout, long intervalMs,
                        java.util.function.Supplier<String> what) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    String lastError = "";
    while (true) {
      try {
        if (condition.getAsBoolean()) {
          return (System.nanoTime() - start) / 1_000_000;
        }
      } catch (ApiClient.ApiException e) {
        lastError = " (last API error: " + e.getMessage() + ")";
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout + ": " + what.get() + lastError);
      }
      try {
        Thread.sleep(intervalMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for: " + what.get());
      }
    }
  }

  static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
  }
}
