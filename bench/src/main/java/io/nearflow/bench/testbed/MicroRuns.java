package io.nearflow.bench.testbed;

import io.nearflow.demo.Percentiles;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The micro case as the bench runs it: {@link MicroBench} in its own JVM, and its figures for summary.json. */
final class MicroRuns {
  private MicroRuns() {}

  /**
   * Runs {@link MicroBench} in its own JVM ({@code jvms} = 1: all three nodes in it; 3: it hosts
   * one node and starts two node JVMs, ended with it). Warm-up and measuring seconds: quick 15 / 6,
   * full 30 / 15 (warm-up: the least, then until the JIT settles, at most 25 / 240 s), or
   * {@code bench.microWarmupSec} / {@code bench.microMaxWarmupSec} / {@code bench.microMeasureSec}.
   */
  static JsonObject run(Path work, boolean full, int jvms) throws Exception {
    String label = jvms == 1 ? "micro" : "micro-jvms";
    Path f = work.resolve(label + ".json");
    Path pidFile = work.resolve(label + ".pids");
    // warm-up: at least this long, then until the JIT settles (MicroBench.warmUp), at most the max
    String warmup = System.getProperty("bench.microWarmupSec", full ? "30" : "15");
    String maxWarmup = System.getProperty("bench.microMaxWarmupSec", full ? "240" : "25");
    String measure = System.getProperty("bench.microMeasureSec", full ? "15" : "6");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(Processes.MODULE_FLAGS);
    cmd.addAll(List.of(
        // its scratch dir inside the bench's work dir, so it goes even if the micro JVM dies abruptly
        "-Xmx768m", "-Djava.net.preferIPv4Stack=true", "-Djava.io.tmpdir=" + work, "-Dbench.childPidFile=" + pidFile,
        "-Dbench.microMaxWarmupSec=" + maxWarmup,
        "-Dbench.readyTimeoutMs=" + System.getProperty("bench.readyTimeoutMs", "150000"), "-cp", System.getProperty("java.class.path"),
        MicroBench.class.getName(), f.toString(), warmup, measure, "32", "8", String.valueOf(jvms)));
    String what = jvms == 1 ? "one JVM" : "across " + jvms + " JVMs";
    BenchMain.log("micro (" + what + "): starting");
    Path logFile = work.resolve(label + ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
    Processes.track(p);
    if (!p.waitFor(8, java.util.concurrent.TimeUnit.MINUTES)) {
      BenchMain.log("micro (" + what + "): still running after 8 min, ending it and its node JVMs");
    }
    Processes.end(p, 30_000); // also ends the node JVMs it started, should it have died before its clean-up
    Processes.endListed(pidFile);
    if (!Files.exists(f)) {
      BenchMain.log("micro (" + what + ") failed; log tail: " + tail(logFile));
      return new JsonObject().put("error", "micro bench (" + what + ") failed: " + tail(logFile));
    }
    JsonObject m = new JsonObject(Files.readString(f));
    BenchMain.log("micro (" + what + "): " + m.getJsonObject("saturation").getDouble("hopsPerSec") + " hops/s; half-load control "
        + m.getJsonObject("halfLoad").getJsonObject("controlMs"));
    return m;
  }

  /** The micro fields from one {@link MicroBench} result (zeros and the error when it failed). */
  static JsonObject figures(JsonObject micro) {
    if (micro != null && micro.containsKey("saturation")) {
      return new JsonObject().put("saturationHopsPerSec", Percentiles.round(micro.getJsonObject("saturation").getDouble("hopsPerSec")))
          .put("controlMsAtHalfLoad", micro.getJsonObject("halfLoad").getJsonObject("controlMs"))
          .put("cpuMsPerHopAtSaturation", micro.getJsonObject("saturation").getDouble("cpuMsPerHop", 0.0))
          .put("detail", micro);
    }
    return new JsonObject().put("saturationHopsPerSec", 0).put("controlMsAtHalfLoad", new JsonObject().put("p50", 0).put("p99", 0))
        .put("detail", micro);
  }

  private static String tail(Path f) {
    try {
      List<String> l = Files.readAllLines(f);
      return String.join("\n", l.subList(Math.max(0, l.size() - 15), l.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
