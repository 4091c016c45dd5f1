package io.nearflow.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program outside the JVM (curl, node) as a client of the API. A missing program fails the
 * test with what to install: these tests prove the API works for non-Java clients, so skipping
 * them silently would hide exactly what they check.
 */
final class ExternalTool {
  record Result(int exit, String out, String err) {
    List<String> lines() {
      return out.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  private ExternalTool() {}

  /** Fails unless {@code command --version} runs; {@code install} says how to get it. */
  static void require(String command, String install) {
    try {
      Result r = run(Duration.ofSeconds(20), command, "--version");
      if (r.exit() == 0) {
        return;
      }
    } catch (AssertionError | RuntimeException e) {
      // reported below
    }
    throw new AssertionError("'" + command + "' is needed by this test but cannot be run: " + install);
  }

  static Result run(Duration timeout, String... command) {
    try {
      Path out = Files.createTempFile("tool-out", ".txt");
      Path err = Files.createTempFile("tool-err", ".txt");
      Process p = new ProcessBuilder(new ArrayList<>(List.of(command)))
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout
            + "; output so far:\n" + Files.readString(out) + Files.readString(err));
      }
      Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      return r;
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command[0] + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command[0], e);
    }
  }
}
