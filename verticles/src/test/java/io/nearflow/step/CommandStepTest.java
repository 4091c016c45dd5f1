package io.nearflow.step;

import static io.nearflow.step.StepTesting.await;
import static io.nearflow.step.StepTesting.awaitFailure;
import static io.nearflow.step.StepTesting.hop;
import static io.nearflow.step.StepTesting.textFile;
import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.testing.Await;
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

/** The command kind: one real process per hop. */
class CommandStepTest {
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

  private static Step command(String... argv) {
    return await(StepFactory.create(vertx, StepSpec.command("cmd", 2, List.of(argv))));
  }

  @Test
  void placeholdersAreFilledAndOutputsAreTheFilesWrittenSortedByName() throws Exception {
    Path input = textFile(work.resolve("reading.txt"), "pm10=12\n");
    Step step = command("sh", "-c",
        "tr a-z A-Z < \"$0\" > \"$1/b.{param.ext}\"; cp \"$0\" \"$1/a.{param.ext}\"; mkdir \"$1/sub\"; echo x > \"$1/sub/c\"",
        "{input}", "{outputDir}");
    StepInvocation inv = hop("cmd", input, work, Map.of("ext", "csv"));
    StepResult result = await(step.run(inv));
    assertThat(result.outputs()).extracting(p -> inv.outputDir().relativize(p).toString())
        .containsExactly("a.csv", "b.csv", "sub/c");
    assertThat(result.outputs().get(1)).hasContent("PM10=12");
    assertThat(result.computeNanos()).isPositive();
    await(step.close());
  }

  @Test
  void theCommandRunsInTheOutputDirectoryWithTheHopInItsEnvironment() throws Exception {
    Path input = textFile(work.resolve("in.txt"), "x");
    Step step = command("sh", "-c", "echo \"$NEARFLOW_HOP_ID $NEARFLOW_INPUT\" > hop.txt");
    StepInvocation inv = hop("cmd", input, work, Map.of());
    StepResult result = await(step.run(inv));
    assertThat(result.outputs()).containsExactly(inv.outputDir().resolve("hop.txt"));
    assertThat(result.outputs().get(0)).hasContent(inv.hopId() + " " + input);
    await(step.close());
  }

  @Test
  void aNonZeroExitFailsTheHopWithTheLastLinesOfStderr() throws Exception {
    Path input = textFile(work.resolve("in.txt"), "x");
    Step step = command("sh", "-c", "echo starting >&2; echo 'disk on fire' >&2; exit 3");
    Throwable e = awaitFailure(step.run(hop("cmd", input, work, Map.of())));
    assertThat(e).isInstanceOf(StepFailedException.class)
        .hasMessageContaining("exited with code 3")
        .hasMessageContaining("starting\ndisk on fire");
    await(step.close());
  }

  @Test
  void aPlaceholderWithoutAParamFailsTheHopNamingIt() throws Exception {
    Path input = textFile(work.resolve("in.txt"), "x");
    Step step = command("cp", "{input}", "{outputDir}/{param.name}");
    assertThat(awaitFailure(step.run(hop("cmd", input, work, Map.of("other", "1")))))
        .isInstanceOf(StepFailedException.class).hasMessageContaining("{param.name} has no value");
    await(step.close());
  }

  @Test
  void aProgramThatDoesNotExistFailsTheHop() throws Exception {
    Path input = textFile(work.resolve("in.txt"), "x");
    Step step = command("/nonexistent/tool", "{input}");
    assertThat(awaitFailure(step.run(hop("cmd", input, work, Map.of()))))
        .isInstanceOf(StepFailedException.class).hasMessageContaining("cannot start [/nonexistent/tool");
    await(step.close());
  }

  @Test
  void aTimeoutKillsTheCommandAndWhatItStartedThenFailsTheHop() throws Exception {
    Path input = textFile(work.resolve("in.txt"), "x");
    // The shell records its own pid and its child's, then waits on the child.
    Step step = command("sh", "-c", "sleep 30 & echo $! > child.pid; echo $$ > shell.pid; wait");
    StepInvocation inv = hop("cmd", input, work, Map.of(), Duration.ofMillis(700));
    Throwable e = awaitFailure(step.run(inv));
    assertThat(e).isInstanceOf(StepTimeoutException.class).hasMessageContaining("killed it");
    for (String pidFile : List.of("shell.pid", "child.pid")) {
      long pid = Long.parseLong(Files.readString(inv.outputDir().resolve(pidFile)).trim());
      Await.until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), Duration.ofSeconds(5),
          () -> pidFile + " " + pid + " is still alive");
    }
    await(step.close());
  }
}
