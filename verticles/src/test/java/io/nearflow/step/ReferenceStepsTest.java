package io.nearflow.step;

import static io.nearflow.step.StepTesting.await;
import static io.nearflow.step.StepTesting.awaitFailure;
import static io.nearflow.step.StepTesting.hop;
import static io.nearflow.step.StepTesting.randomFile;
import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.step.builtin.ShuffleStep;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in steps, created the way an agent creates them: a spec with only a type. */
class ReferenceStepsTest {
  private static final int BLOCK = ShuffleStep.BLOCK;
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

  private static StepResult run(String type, Path input, Path work, Map<String, String> params) {
    Step step = await(StepFactory.create(vertx, StepSpec.java(type, 2)));
    try {
      return await(step.run(hop(type, input, work, params)));
    } finally {
      await(step.close());
    }
  }

  @Test
  void echoCopiesTheInputBytesIntoOneOutput() throws Exception {
    Path input = randomFile(work.resolve("unit-1"), 300_000, 1);
    StepResult result = run("echo", input, work, Map.of());
    assertThat(result.outputs()).hasSize(1);
    assertThat(result.outputs().get(0)).hasFileName("unit-1").hasSameBinaryContentAs(input);
    assertThat(result.computeNanos()).isPositive();
  }

  @Test
  void shuffleKeepsSizeAndEachBlocksBytesButChangesTheirOrder() throws Exception {
    Path input = randomFile(work.resolve("camera.raw"), 3 * 1024 * 1024, 2);
    Path output = run("shuffle", input, work, Map.of()).outputs().get(0);
    assertShuffledPerBlock(Files.readAllBytes(input), Files.readAllBytes(output));
  }

  @Test
  void shuffleHandlesAShortLastBlock() throws Exception {
    int size = 3 * 1024 * 1024 + 12_345;
    Path input = randomFile(work.resolve("odd.raw"), size, 3);
    Path output = run("shuffle", input, work, Map.of()).outputs().get(0);
    assertThat(output).hasSize(size);
    assertShuffledPerBlock(Files.readAllBytes(input), Files.readAllBytes(output));
  }

  @Test
  void shuffleWithASeedIsReproducible() throws Exception {
    Path input = randomFile(work.resolve("seeded"), 250_000, 4);
    Path a = run("shuffle", input, work, Map.of("seed", "42")).outputs().get(0);
    Path b = run("shuffle", input, work, Map.of("seed", "42")).outputs().get(0);
    Path c = run("shuffle", input, work, Map.of("seed", "43")).outputs().get(0);
    assertThat(a).hasSameBinaryContentAs(b);
    assertThat(Files.readAllBytes(a)).isNotEqualTo(Files.readAllBytes(c));
  }

  private static void assertShuffledPerBlock(byte[] in, byte[] out) {
    assertThat(out).hasSameSizeAs(in);
    int reordered = 0;
    for (int start = 0; start < in.length; start += BLOCK) {
      byte[] a = Arrays.copyOfRange(in, start, Math.min(in.length, start + BLOCK));
      byte[] b = Arrays.copyOfRange(out, start, Math.min(out.length, start + BLOCK));
      if (!Arrays.equals(a, b)) {
        reordered++;
      }
      Arrays.sort(a);
      Arrays.sort(b);
      assertThat(b).as("bytes of the block at %d", start).isEqualTo(a);
    }
    assertThat(reordered).as("blocks whose order changed").isEqualTo((in.length + BLOCK - 1) / BLOCK);
  }

  @Test
  void splitFansOutIntoNOrderedPartsThatConcatenateToTheInput() throws Exception {
    Path input = Files.write(work.resolve("ten"), "0123456789".getBytes());
    List<Path> parts = run("split", input, work, Map.of("parts", "4")).outputs();
    assertThat(parts).extracting(p -> p.getFileName().toString())
        .containsExactly("ten.part-001-of-004", "ten.part-002-of-004", "ten.part-003-of-004", "ten.part-004-of-004");
    assertThat(parts).extracting(Files::size).containsExactly(3L, 3L, 2L, 2L);
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (Path p : parts) {
      joined.write(Files.readAllBytes(p));
    }
    assertThat(joined.toString()).isEqualTo("0123456789");
  }

  @Test
  void failRaisesTheStepsOwnErrorWithTheGivenMessage() throws Exception {
    Path input = randomFile(work.resolve("in"), 10, 5);
    Step step = await(StepFactory.create(vertx, StepSpec.java("fail", 1)));
    Throwable e = awaitFailure(step.run(hop("fail", input, work, Map.of("message", "lens is dirty"))));
    assertThat(e).isInstanceOf(StepFailedException.class).hasMessageContaining("lens is dirty");
    await(step.close());
  }

  @Test
  void failUntilAttemptFailsTheFirstAttemptsThenEchoes() throws Exception {
    Path input = randomFile(work.resolve("in"), 10, 6);
    Path counter = work.resolve("attempts");
    Map<String, String> params = Map.of("failUntilAttempt", "3", "counterFile", counter.toString(), "message", "flaky");
    Step step = await(StepFactory.create(vertx, StepSpec.java("fail", 1)));
    assertThat(awaitFailure(step.run(hop("fail", input, work, params))))
        .isInstanceOf(StepFailedException.class).hasMessageContaining("flaky (attempt 1 of 3)");
    assertThat(awaitFailure(step.run(hop("fail", input, work, params))))
        .hasMessageContaining("flaky (attempt 2 of 3)");
    assertThat(await(step.run(hop("fail", input, work, params))).outputs().get(0)).hasSameBinaryContentAs(input);
    assertThat(counter).hasContent("3");
    await(step.close());
  }
}
