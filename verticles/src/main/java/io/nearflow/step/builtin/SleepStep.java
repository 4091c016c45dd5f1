package io.nearflow.step.builtin;

import io.nearflow.step.JavaStep;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code sleep}: holds a slot for {@code ms} milliseconds (default {@value #DEFAULT_MS}), then
 * echoes. For tests of capacity, queueing and timeouts; a timeout interrupts the sleep.
 */
public final class SleepStep implements JavaStep {
  static final long DEFAULT_MS = 1_000;

  @Override
  public String type() {
    return "sleep";
  }

  @Override
  public List<Path> run(Path input, Path outputDir, Map<String, String> params) throws Exception {
    long ms = Params.longParam(params, "ms", DEFAULT_MS);
    if (ms > 0) {
      Thread.sleep(ms);
    }
    return List.of(EchoStep.copy(input, outputDir));
  }
}
