package io.nearflow.step;

import static io.nearflow.step.StepTesting.await;
import static io.nearflow.step.StepTesting.awaitFailure;
import static io.nearflow.step.StepTesting.randomFile;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cancelling a hop stops its step: the command's process is killed, the Java step's thread interrupted. */
class CancelStopsStepTest {
  private static Vertx vertx;
  @TempDir Path work;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    await(vertx.close());
  }

  private StepInvocation cancellable(String type, Path input, Map<String, String> params, Promise<Void> cancel)
      throws Exception {
    StepInvocation plain = StepTesting.hop(type, input, work, params, Duration.ofMinutes(1));
    return new StepInvocation(plain.hopId(), type, input, plain.outputDir(), params, plain.timeout(), cancel.future());
  }

  @Test
  void a_cancelled_java_step_is_interrupted_and_its_slot_takes_the_next_hop_at_once() throws Exception {
    Path input = randomFile(work.resolve("in"), 10, 1);
    Step step = await(StepFactory.create(vertx, StepSpec.java("sleep", 1)));
    Promise<Void> cancel = Promise.promise();
    long start = System.nanoTime();
    var running = step.run(cancellable("sleep", input, Map.of("ms", "30000"), cancel));
    vertx.setTimer(200, t -> cancel.complete());
    Throwable e = awaitFailure(running);
    assertThat(e).isInstanceOf(StepCancelledException.class).hasMessageContaining("cancelled");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    // One slot only: the next hop runs at once only if the cancelled sleep was interrupted.
    StepResult next = await(step.run(StepTesting.hop("sleep", input, work, Map.of("ms", "0"), Duration.ofSeconds(3))));
    assertThat(next.outputs()).hasSize(1);
    await(step.close());
  }

  @Test
  void a_cancelled_command_is_killed() throws Exception {
    Path input = randomFile(work.resolve("in2"), 10, 2);
    Path pidFile = work.resolve("pid");
    Step step = await(StepFactory.create(vertx, StepSpec.command("cmd", 1,
        List.of("sh", "-c", "echo $$ > " + pidFile + "; exec sleep 30"))));
    Promise<Void> cancel = Promise.promise();
    var running = step.run(cancellable("cmd", input, Map.of(), cancel));
    io.nearflow.testing.Await.until(() -> Files.exists(pidFile) && !readPid(pidFile).isEmpty(), Duration.ofSeconds(10),
        () -> "the command never started");
    long pid = Long.parseLong(readPid(pidFile));
    assertThat(ProcessHandle.of(pid)).as("the command runs").isPresent();
    cancel.complete();
    assertThat(awaitFailure(running)).isInstanceOf(StepCancelledException.class);
    io.nearflow.testing.Await.until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true),
        Duration.ofSeconds(10), () -> "process " + pid + " still alive after the cancel");
    await(step.close());
  }

  private static String readPid(Path f) {
    try {
      return Files.readString(f).trim();
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
