package io.nearflow.bench.testbed;

import java.util.Arrays;
import java.util.List;

/**
 * The echo workflow case: the shuffle4 chain with {@code echo} steps (the step copies its input,
 * next to no compute), step 4 only in cloud1 as in shuffle4, run on the same testbed as the
 * Figure 7 cases. The article reports its per-hop time split for echo steps (figures.md), so this
 * case is what our data / compute / control split is compared with; shuffle steps show the same
 * split with real compute. Knobs: {@code bench.echoModes} (comma list of Nearflow modes, default
 * load-spreading; {@code none} to skip), {@code bench.echoIterations} (default quick 2, full 3).
 */
final class EchoCase {
  static final String NAME = "echo4";
  static final String WORKFLOW = """
      # shuffle4 with echo steps: four steps in a chain, the last one only in cloud1.
      name: echo4
      description: Four echo steps in a chain; the last one runs only in cloud1.
      steps:
        - name: echo1
          type: echo
        - name: echo2
          type: echo
        - name: echo3
          type: echo
        - name: echo4
          type: echo
          placement:
            zones: [cloud1]
      """;

  private EchoCase() {}

  /** 3 files of 1 MiB per edge zone, as the article's echo split at 1 MiB. */
  static BenchMain.Case of(boolean full) {
    int iterations = Integer.getInteger("bench.echoIterations", full ? 3 : 2);
    return new BenchMain.Case("3x1MB", 3, 1024 * 1024, iterations);
  }

  static List<String> modes() {
    String v = System.getProperty("bench.echoModes", "load-spreading");
    return v.equals("none") ? List.of() : Arrays.asList(v.split(","));
  }
}
