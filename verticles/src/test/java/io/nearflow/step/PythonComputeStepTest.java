package io.nearflow.step;

import static io.nearflow.step.StepTesting.await;
import static io.nearflow.step.StepTesting.awaitFailure;
import static io.nearflow.step.StepTesting.hop;
import static io.nearflow.step.StepTesting.textFile;
import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.step.process.ComputeProcessOptions;
import io.nearflow.testing.Await;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process kind with the example Python step: supervision, the protocol, failure mapping. */
class PythonComputeStepTest {
  private static final ComputeProcessOptions FAST = new ComputeProcessOptions(Duration.ofSeconds(20),
      Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofSeconds(1),
      Duration.ofSeconds(30), Duration.ofSeconds(3));

  private Vertx vertx;
  private Step step;
  @TempDir Path work;

  @BeforeAll
  static void needsPythonGrpc() throws Exception {
    PythonSteps.requireGrpc();
  }

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    if (step != null) {
      await(step.close());
    }
    await(vertx.close());
  }

  private static StepSpec upper(String type) {
    return StepSpec.process(type, 2, List.of(PythonSteps.PYTHON, PythonSteps.upperDir().resolve("upper_step.py").toString()));
  }

  /** The running upper_step.py started by this JVM (the supervisor's child). */
  private static ProcessHandle pythonProcess() {
    List<ProcessHandle> found = ProcessHandle.current().children()
        .filter(p -> p.isAlive() && p.info().commandLine().orElse("").contains("upper_step.py")).toList();
    assertThat(found).as("running upper_step.py children").hasSize(1);
    return found.get(0);
  }

  @Test
  void theSupervisedProcessAnswersDescribeThenUppercasesTheInput() throws Exception {
    step = await(StepFactory.create(vertx, upper("upper"), FAST));
    Path input = textFile(work.resolve("note.txt"), "air quality: good\nstraße\n");
    StepInvocation inv = hop("upper", input, work, Map.of());
    StepResult result = await(step.run(inv));
    assertThat(result.outputs()).containsExactly(inv.outputDir().resolve("note.txt"));
    assertThat(result.outputs().get(0)).hasContent("AIR QUALITY: GOOD\nSTRASSE\n");
    assertThat(result.computeNanos()).isPositive();
  }

  @Test
  void anErrorReportedByTheProcessIsTheStepsOwnFailure() throws Exception {
    step = await(StepFactory.create(vertx, upper("upper"), FAST));
    Path input = textFile(work.resolve("in.txt"), "x");
    assertThat(awaitFailure(step.run(hop("upper", input, work, Map.of("fail", "no text here")))))
        .isInstanceOf(StepFailedException.class).hasMessageContaining("no text here");
  }

  @Test
  void aRunPastTheHopTimeoutFailsWithStepTimeoutAndTheProcessKeepsServing() throws Exception {
    step = await(StepFactory.create(vertx, upper("upper"), FAST));
    Path input = textFile(work.resolve("in.txt"), "late");
    assertThat(awaitFailure(step.run(hop("upper", input, work, Map.of("delayMs", "3000"), Duration.ofMillis(300)))))
        .isInstanceOf(StepTimeoutException.class);
    assertThat(await(step.run(hop("upper", input, work, Map.of()))).outputs().get(0)).hasContent("LATE");
  }

  @Test
  void aKilledProcessIsRestartedAndHopsMeanwhileFailAsUnavailable() throws Exception {
    step = await(StepFactory.create(vertx, upper("upper"), FAST));
    Path input = textFile(work.resolve("in.txt"), "again");
    ProcessHandle first = pythonProcess();
    first.destroyForcibly();
    Await.until(() -> !first.isAlive(), Duration.ofSeconds(5), () -> "python still alive");

    // Right after the kill a hop cannot succeed; every failure until the restart is "unavailable".
    assertThat(awaitFailure(step.run(hop("upper", input, work, Map.of()))))
        .isInstanceOf(StepUnavailableException.class);
    AtomicReference<StepResult> recovered = new AtomicReference<>();
    Await.until(() -> {
      Throwable e = step.run(hop("upper", input, work, Map.of())).toCompletionStage().toCompletableFuture()
          .handle((r, err) -> {
            recovered.set(r);
            return err;
          }).join();
      if (e != null && !(e instanceof StepUnavailableException)) {
        throw new AssertionError("expected only StepUnavailableException during the restart", e);
      }
      return e == null;
    }, Duration.ofSeconds(20), () -> "the step did not come back after its process was killed");
    assertThat(recovered.get().outputs().get(0)).hasContent("AGAIN");
    assertThat(pythonProcess().pid()).isNotEqualTo(first.pid());
  }

  @Test
  void closeStopsTheProcessAndLaterHopsAreUnavailable() throws Exception {
    step = await(StepFactory.create(vertx, upper("upper"), FAST));
    ProcessHandle python = pythonProcess();
    await(step.close());
    assertThat(python.isAlive()).isFalse();
    Path input = textFile(work.resolve("in.txt"), "x");
    assertThat(awaitFailure(step.run(hop("upper", input, work, Map.of()))))
        .isInstanceOf(StepUnavailableException.class).hasMessageContaining("closed");
    step = null;
  }

  @Test
  void aProcessServingAnotherStepTypeFailsTheInstanceAtStart() {
    Throwable e = awaitFailure(StepFactory.create(vertx, upper("lower"), FAST));
    assertThat(e).isInstanceOf(StepUnavailableException.class)
        .hasMessageContaining("serves step types [upper], not 'lower'");
    Await.until(() -> ProcessHandle.current().children()
        .noneMatch(p -> p.isAlive() && p.info().commandLine().orElse("").contains("upper_step.py")),
        Duration.ofSeconds(10), () -> "upper_step.py still running after a failed start");
  }

  @Test
  void aProcessThatExitsAtStartFailsTheInstanceWithItsOutput() {
    StepSpec crashing = StepSpec.process("upper", 1, List.of("sh", "-c", "echo 'no GPU found' >&2; exit 4"));
    Throwable e = awaitFailure(StepFactory.create(vertx, crashing, FAST));
    assertThat(e).isInstanceOf(StepUnavailableException.class)
        .hasMessageContaining("exited with code 4").hasMessageContaining("no GPU found");
  }
}
