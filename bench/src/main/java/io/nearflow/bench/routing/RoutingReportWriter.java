package io.nearflow.bench.routing;

import static io.nearflow.bench.routing.RoutingScores.ALGORITHMS;
import static io.nearflow.bench.routing.RoutingScores.SIZES;

import java.util.Locale;

/** Renders a run as {@code summary.json} (fixed shape, read by tools) and {@code report.md}. */
final class RoutingReportWriter {
  static final double GOAL_NANOS_AT_1000 = 2_000;

  private final RoutingScores table;
  private final RoutingScores list;
  private final RunContext context;

  RoutingReportWriter(RoutingScores table, RoutingScores list, RunContext context) {
    this.table = table;
    this.list = list;
    this.context = context;
  }

  /** {@code {"decisionNanos": {"greedy": {"10": n, ...}, ...}}}: the kept-table decision, avgt ns. */
  String summaryJson() {
    StringBuilder json = new StringBuilder("{\"decisionNanos\": {");
    for (int a = 0; a < ALGORITHMS.length; a++) {
      json.append(a == 0 ? "" : ", ").append('"').append(ALGORITHMS[a]).append("\": {");
      for (int s = 0; s < SIZES.length; s++) {
        json.append(s == 0 ? "" : ", ").append('"').append(SIZES[s]).append("\": ")
            .append(fmt("%.1f", table.score(ALGORITHMS[a], SIZES[s]).nanos()));
      }
      json.append('}');
    }
    return json.append("}}\n").toString();
  }

  String reportMarkdown() {
    StringBuilder md = new StringBuilder("# Routing decision benchmark\n\n");
    md.append("Run ").append(context.started()).append(", took ").append(context.took().toSeconds()).append(" s.\n\n");
    md.append("- Machine: ").append(context.cpu()).append(", ").append(context.cores()).append(" cores visible to the JVM; ")
        .append(context.os()).append("\n- JVM: ").append(context.jvm())
        .append("\n- Load average (1/5/15 min) before: ").append(context.loadBefore()).append("; after: ")
        .append(context.loadAfter()).append(". Other processes (builds and tests of other modules) share these ")
        .append("cores, so scores include some interference; compare ratios within this run rather than ")
        .append("absolute numbers across runs.\n");
    md.append("- Command: `bench/routing.sh`, i.e. `").append(context.command()).append("`\n");
    md.append("- JMH: mode avgt, ").append(RoutingBenchReport.FORKS).append(" forks x (")
        .append(RoutingBenchReport.WARMUPS).append(" x 1 s warmup + ")
        .append(RoutingBenchReport.MEASUREMENTS).append(" x 1 s measurement); list path ")
        .append(RoutingBenchReport.LIST_FORKS).append(" fork x (").append(RoutingBenchReport.LIST_WARMUPS)
        .append(" + ").append(RoutingBenchReport.LIST_MEASUREMENTS).append("); -Xmx512m. Workload: paper topology (edge1, edge2, cloud1), two instances per host, ")
        .append("~25% of instances full and 3% with an open breaker, 64 hops with data on a known host (70%), ")
        .append("zone only (15%), host only (10%) or nowhere known (5%).\n\n");

    md.append("## One decision over a kept `CandidateTable` (the orchestrator's path), ns\n\n");
    scoreTable(md, table);
    md.append("\nGoal: at most ").append(fmt("%.0f", GOAL_NANOS_AT_1000)).append(" ns per decision at 1,000 candidates, ")
        .append("growth no worse than linear: a time ratio of at most 10 per 10x candidates. A ratio above 10 is ")
        .append("marked \"within error\" when the JMH error bars allow a ratio of 10 or less, \"**no**\" otherwise.\n\n");
    md.append("| algorithm | at 1,000 | 2 µs goal met | ns per candidate at 1,000 | x10→100 | x100→1,000 | x1,000→10,000 |\n");
    md.append("|---|---:|---|---:|---:|---:|---:|\n");
    for (String a : ALGORITHMS) {
      double at1000 = table.score(a, 1_000).nanos();
      md.append("| ").append(a).append(" | ").append(fmt("%.0f", at1000)).append(" | ")
          .append(at1000 <= GOAL_NANOS_AT_1000 ? "yes" : "**no**").append(" | ").append(fmt("%.2f", at1000 / 1_000))
          .append(" | ").append(growth(a, 100)).append(" | ").append(growth(a, 1_000))
          .append(" | ").append(growth(a, 10_000)).append(" |\n");
    }
    md.append("\nRound-robin ignores locality and stops at the first instance with capacity after its last ")
        .append("choice, so its cost hardly depends on the number of candidates.\n\n");

    md.append("## One decision from a plain `List<Candidate>` (convenience path), ns\n\n");
    md.append("`route(request, list, distances)` builds a `CandidateTable` inside every decision (O(n) work and ")
        .append("allocation), so it is shown for context; the goal applies to the kept table. These runs are shorter ")
        .append("and allocate, so neighbouring processes and GC show more in their error bars.\n\n");
    scoreTable(md, list);
    return md.toString();
  }

  private String growth(String algorithm, int candidates) {
    double ratio = table.growth(algorithm, candidates);
    String verdict = ratio <= 10 ? "" : table.lowestGrowth(algorithm, candidates) <= 10 ? " (within error)" : " (**no**)";
    return fmt("%.1f", ratio) + verdict;
  }

  private static void scoreTable(StringBuilder md, RoutingScores scores) {
    md.append("| algorithm |");
    for (int size : SIZES) {
      md.append(" ").append(fmt("%,d", size)).append(" |");
    }
    md.append("\n|---|").append("---:|".repeat(SIZES.length)).append('\n');
    for (String a : ALGORITHMS) {
      md.append("| ").append(a).append(" |");
      for (int size : SIZES) {
        RoutingScores.Score s = scores.score(a, size);
        md.append(' ').append(fmt("%.1f", s.nanos())).append(" ± ").append(fmt("%.1f", s.error())).append(" |");
      }
      md.append('\n');
    }
  }

  private static String fmt(String format, Object value) {
    return String.format(Locale.ROOT, format, value);
  }
}
