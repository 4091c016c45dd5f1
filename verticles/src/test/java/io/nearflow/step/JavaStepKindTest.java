package io.nearflow.step;

import static io.nearflow.step.StepTesting.await;
import static io.nearflow.step.StepTesting.awaitFailure;
import static io.nearflow.step.StepTesting.hop;
import static io.nearflow.step.StepTesting.randomFile;
import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.config.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the java kind runs a JavaStep: worker threads, slots, timeouts, lookup, output rules. */
class JavaStepKindTest {
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

  @Test
  void aStepPastItsTimeoutFailsWithStepTimeoutAndItsThreadIsFreed() throws Exception {
    Path input = randomFile(work.resolve("in"), 10, 1);
    Step step = await(StepFactory.create(vertx, StepSpec.java("sleep", 1)));
    long start = System.nanoTime();
    Throwable e = awaitFailure(step.run(hop("sleep", input, work, Map.of("ms", "10000"), Duration.ofMillis(200))));
    assertThat(e).isInstanceOf(StepTimeoutException.class).hasMessageContaining("within 200 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    // One slot only: this hop runs at once only if the timed-out sleep was interrupted.
    StepResult next = await(step.run(hop("sleep", input, work, Map.of("ms", "0"), Duration.ofSeconds(2))));
    assertThat(next.outputs()).hasSize(1);
    await(step.close());
  }

  @Test
  void noMoreHopsRunAtOnceThanTheInstanceHasSlots() throws Exception {
    Path input = randomFile(work.resolve("in"), 10, 2);
    Step step = await(StepFactory.create(vertx, new StepSpec("counting", 2, StepKind.JAVA,
        Optional.of(CountingStep.class.getName()), List.of(), Map.of(), Optional.empty())));
    List<Future<StepResult>> hops = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      hops.add(step.run(hop("counting", input, work, Map.of())));
    }
    await(Future.all(hops));
    assertThat(CountingStep.MAX_CONCURRENT.get()).isEqualTo(2);
    await(step.close());
  }

  @Test
  void anUnknownStepTypeListsTheRegisteredOnes() {
    Throwable e = awaitFailure(StepFactory.create(vertx, StepSpec.java("blur", 1)));
    assertThat(e).isInstanceOf(ConfigException.class)
        .hasMessageContaining("step type 'blur': no JavaStep registered")
        .hasMessageContaining("echo, fail, shuffle, sleep, split");
  }

  @Test
  void aNamedClassMustServeTheDeclaredType() {
    StepSpec spec = new StepSpec("blur", 1, StepKind.JAVA, Optional.of(CountingStep.class.getName()),
        List.of(), Map.of(), Optional.empty());
    assertThat(awaitFailure(StepFactory.create(vertx, spec)))
        .hasMessageContaining("serves step type 'counting'");
  }

  @Test
  void anOutputOutsideTheOutputDirectoryFailsTheHop() throws Exception {
    Path input = randomFile(work.resolve("in"), 10, 3);
    Step step = await(StepFactory.create(vertx, new StepSpec("escaping", 1, StepKind.JAVA,
        Optional.of(EscapingStep.class.getName()), List.of(), Map.of(), Optional.empty())));
    assertThat(awaitFailure(step.run(hop("escaping", input, work, Map.of()))))
        .isInstanceOf(StepFailedException.class).hasMessageContaining("outside its output directory");
    await(step.close());
  }

  @Test
  void aClosedInstanceRefusesHopsAsUnavailable() throws Exception {
    Path input = randomFile(work.resolve("in"), 10, 4);
    Step step = await(StepFactory.create(vertx, StepSpec.java("echo", 1)));
    await(step.close());
    assertThat(awaitFailure(step.run(hop("echo", input, work, Map.of()))))
        .isInstanceOf(StepUnavailableException.class);
  }

  /** Records how many hops run at the same moment. */
  public static final class CountingStep implements JavaStep {
    static final AtomicInteger MAX_CONCURRENT = new AtomicInteger();
    private static final AtomicInteger RUNNING = new AtomicInteger();

    @Override
    public String type() {
      return "counting";
    }

    @Override
    public List<Path> run(Path input, Path outputDir, Map<String, String> params) throws Exception {
      int now = RUNNING.incrementAndGet();
      MAX_CONCURRENT.accumulateAndGet(now, Math::max);
      try {
        Thread.sleep(100);
        return List.of();
      } finally {
        RUNNING.decrementAndGet();
      }
    }
  }

  /** Returns its input as an output: something the sink adapter must never publish. */
  public static final class EscapingStep implements JavaStep {
    @Override
    public String type() {
      return "escaping";
    }

    @Override
    public List<Path> run(Path input, Path outputDir, Map<String, String> params) {
      return List.of(input);
    }
  }
}
