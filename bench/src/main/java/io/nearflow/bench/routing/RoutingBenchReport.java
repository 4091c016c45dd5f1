package io.nearflow.bench.routing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link RoutingBenchmark} with settings modest enough for a small shared machine (1 s
 * iterations; about four minutes in all) and writes {@code summary.json} and
 * {@code report.md} into the directory given as the only argument (default
 * {@code bench/results/routing}). Started by {@code bench/routing.sh}.
 */
public final class RoutingBenchReport {
  // Two JVMs rather than one longer: at 10,000 candidates one JVM run can land ~50% slower than
  // another (memory layout or JIT luck), and a single fork would report whichever it drew.
  static final int FORKS = 2;
  static final int WARMUPS = 2;
  static final int MEASUREMENTS = 3;
  // The list path is context, not the goal: one fork keeps the whole run short.
  static final int LIST_FORKS = 1;
  static final int LIST_WARMUPS = 2;
  static final int LIST_MEASUREMENTS = 3;

  private RoutingBenchReport() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "bench/results/routing");
    Files.createDirectories(out);
    RunContext context = RunContext.capture();
    Instant start = Instant.now();
    RoutingScores table = RoutingScores.of(run("decision", FORKS, WARMUPS, MEASUREMENTS));
    RoutingScores list = RoutingScores.of(run("decisionFromList", LIST_FORKS, LIST_WARMUPS, LIST_MEASUREMENTS));
    context = context.finished(Duration.between(start, Instant.now()));

    RoutingReportWriter writer = new RoutingReportWriter(table, list, context);
    Files.writeString(out.resolve("summary.json"), writer.summaryJson());
    Files.writeString(out.resolve("report.md"), writer.reportMarkdown());
    System.out.println("wrote " + out.resolve("summary.json") + " and " + out.resolve("report.md"));
  }

  private static Collection<RunResult> run(String method, int forks, int warmups, int measurements)
      throws RunnerException {
    Options options = new OptionsBuilder()
        .include(RoutingBenchmark.class.getName() + "\\." + method + "$")
        .forks(forks)
        .warmupIterations(warmups)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(measurements)
        .measurementTime(TimeValue.seconds(1))
        .jvmArgsAppend("-Xms512m", "-Xmx512m")
        .build();
    return new Runner(options).run();
  }
}
