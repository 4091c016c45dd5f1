package io.nearflow.step;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The step SPI for Java code in the agent's JVM: plain blocking code, run on worker threads.
 * Register an implementation in {@code META-INF/services/io.nearflow.step.JavaStep} (then an
 * instance declares only its {@code type}) or name it with {@code class} in the agent config.
 *
 * <p>One object serves all slots of a step instance concurrently, so implementations must be
 * thread-safe (keep per-hop state in locals). A public no-argument constructor is required.
 * A timed-out hop's thread is interrupted: long loops should check {@link Thread#interrupted()}.
 */
public interface JavaStep {

  /** The step type name this implementation serves, e.g. {@code shuffle}. */
  String type();

  /**
   * Runs one hop.
   *
   * @return the outputs, written inside {@code outputDir}, in a deterministic order; relative
   *     paths are resolved against {@code outputDir}
   * @throws Exception any failure of the step itself; it becomes a {@link StepFailedException}
   */
  List<Path> run(Path input, Path outputDir, Map<String, String> params) throws Exception;
}
