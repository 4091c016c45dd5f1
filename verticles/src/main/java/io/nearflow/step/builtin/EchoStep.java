package io.nearflow.step.builtin;

import io.nearflow.step.JavaStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code echo}: one output, a byte-for-byte copy of the input (named like the input). */
public final class EchoStep implements JavaStep {

  @Override
  public String type() {
    return "echo";
  }

  @Override
  public List<Path> run(Path input, Path outputDir, Map<String, String> params) throws Exception {
    return List.of(copy(input, outputDir));
  }

  /** Shared with the steps that end by echoing ({@code sleep}, {@code fail} once it succeeds). */
  static Path copy(Path input, Path outputDir) throws Exception {
    // A copy, not a link: the output must be a new file the sink adapter can own.
    return Files.copy(input, outputDir.resolve(input.getFileName()));
  }
}
