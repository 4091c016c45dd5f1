package io.nearflow.step.builtin;

import io.nearflow.step.JavaStep;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code fail}: raises the step's own error, for tests of failure reporting and retries.
 *
 * <ul>
 *   <li>By default every attempt throws with param {@code message}.</li>
 *   <li>With {@code failUntilAttempt=N}, attempts are counted in a counter file (numbered from
 *       1, across hops and instances that share the file): attempts 1..N-1 throw, attempt N and
 *       later echo the input. {@code failUntilAttempt=3} = "fail twice, then succeed".</li>
 *   <li>{@code counterFile} names the counter. Default: {@code fail-attempts-<input name>} in
 *       the parent of the output directory. A retry may run on another instance with another
 *       output directory, so cross-instance retry tests should pass a shared absolute path.</li>
 * </ul>
 */
public final class FailStep implements JavaStep {
  static final String DEFAULT_MESSAGE = "step 'fail' failed as asked";

  @Override
  public String type() {
    return "fail";
  }

  @Override
  public List<Path> run(Path input, Path outputDir, Map<String, String> params) throws Exception {
    String message = params.getOrDefault("message", DEFAULT_MESSAGE);
    if (!params.containsKey("failUntilAttempt")) {
      throw new IllegalStateException(message);
    }
    long succeedAt = Params.positive(params, "failUntilAttempt", 1);
    Path counter = params.containsKey("counterFile")
        ? Path.of(params.get("counterFile"))
        : outputDir.toAbsolutePath().getParent().resolve("fail-attempts-" + input.getFileName());
    long attempt = AttemptCounter.increment(counter);
    if (attempt < succeedAt) {
      throw new IllegalStateException(message + " (attempt " + attempt + " of " + succeedAt + ")");
    }
    return List.of(EchoStep.copy(input, outputDir));
  }
}
