package io.nearflow.step.support;

import io.nearflow.step.StepFailedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The rules for a hop's outputs: regular files inside the hop's output directory. Enforced here
 * once for every step kind, because the sink adapter moves whatever it is given into the store;
 * a step that returned {@code /etc/passwd} must fail, not publish it. Blocking: call on a worker.
 */
public final class OutputFiles {
  private OutputFiles() {}

  /** Resolves {@code outputs} against {@code outputDir} and checks each is a file inside it. */
  public static List<Path> check(Path outputDir, List<Path> outputs, String stepType) {
    Path dir = outputDir.toAbsolutePath().normalize();
    List<Path> checked = new ArrayList<>(outputs.size());
    for (Path p : outputs) {
      if (p == null) {
        throw new StepFailedException("step '" + stepType + "' returned a null output path");
      }
      Path abs = dir.resolve(p).normalize();
      if (!abs.startsWith(dir) || abs.equals(dir)) {
        throw new StepFailedException("step '" + stepType + "' returned " + p
            + ", which is outside its output directory " + dir);
      }
      if (!Files.isRegularFile(abs)) {
        throw new StepFailedException("step '" + stepType + "' returned " + p + ", which is not a regular file");
      }
      checked.add(abs);
    }
    return checked;
  }

  /**
   * Every regular file under {@code outputDir}, sorted by its path relative to it, so the order is
   * the same on every host and every run (directory listings are not ordered).
   */
  public static List<Path> listAll(Path outputDir) {
    Path dir = outputDir.toAbsolutePath().normalize();
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile)
          .sorted(Comparator.comparing(p -> dir.relativize(p).toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list outputs in " + dir, e);
    }
  }
}
