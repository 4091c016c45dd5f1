package io.nearflow.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.testing.Await;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchDirsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir
  Path workDir;
  private Vertx vertx;
  private Context context;
  private ScratchDirs scratch;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    scratch = new ScratchDirs(vertx, workDir, 2);
    Await.result(on(scratch::open), WAIT);
  }

  @AfterEach
  void stop() {
    Await.result(vertx.close(), WAIT);
  }

  /** ScratchDirs lives on one event loop, as in the agent. */
  private <T> Future<T> on(Supplier<Future<T>> call) {
    Promise<T> p = Promise.promise();
    context.runOnContext(v -> call.get().onComplete(p));
    return p.future();
  }

  private ScratchDirs.Scratch acquire() {
    return Await.result(on(scratch::acquire), WAIT);
  }

  private static long entries(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  @Test
  void aHopsScratchIsEmptiedAndReusedWithoutTouchingWhatLinksPointAt() throws Exception {
    Path outside = Files.writeString(workDir.resolveSibling(workDir.getFileName() + "-precious"), "keep me");
    ScratchDirs.Scratch first = acquire();
    assertThat(first.in()).isDirectory();
    assertThat(first.out()).isDirectory();
    Files.writeString(first.in().resolve("input"), "in");
    Files.createDirectories(first.out().resolve("nested/deeper"));
    Files.writeString(first.out().resolve("nested/deeper/part"), "out");
    Files.createSymbolicLink(first.out().resolve("link"), outside);

    Await.result(on(() -> scratch.release(first, true)), WAIT);
    ScratchDirs.Scratch second = acquire();

    assertThat(second.root()).isEqualTo(first.root());
    assertThat(entries(second.in())).isZero();
    assertThat(entries(second.out())).isZero();
    assertThat(Files.readString(outside)).isEqualTo("keep me");
    Files.delete(outside);
  }

  @Test
  void aScratchAStepMayStillWriteIntoIsNeverHandedOutAgain() throws Exception {
    ScratchDirs.Scratch timedOut = acquire();
    Files.writeString(timedOut.out().resolve("half-written"), "...");

    Await.result(on(() -> scratch.release(timedOut, false)), WAIT);
    ScratchDirs.Scratch next = acquire();

    assertThat(timedOut.root()).doesNotExist();
    assertThat(next.root()).isNotEqualTo(timedOut.root());
    assertThat(entries(next.out())).isZero();
  }

  @Test
  void startingAgainRemovesOnlyScratchLeftByAnEarlierProcess() throws Exception {
    ScratchDirs.Scratch left = acquire();
    Files.writeString(left.out().resolve("orphan"), "from a crash");
    Path operatorsFile = Files.writeString(workDir.resolve("notes.txt"), "not ours");

    ScratchDirs restarted = new ScratchDirs(vertx, workDir, 2);
    Await.result(on(restarted::open), WAIT);

    assertThat(left.root()).doesNotExist();
    assertThat(operatorsFile).hasContent("not ours");
  }
}
