package io.nearflow.bench.testbed;

import io.nearflow.step.builtin.ShuffleStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * One hop of the ephemeral-step MODEL (Argo-style, not Argo): a fresh JVM that copies its input
 * from the zone's shared store into its own scratch directory (copy in, like an artifact fetch),
 * runs the same shuffle step Nearflow runs ({@link ShuffleStep}), copies the output back to the
 * store (copy out) and exits. Prints one line of timings for the controller.
 */
public final class EphemeralStepProcess {
  private EphemeralStepProcess() {}

  public static void main(String[] args) throws Exception {
    long mainAt = System.currentTimeMillis();
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1]);
    Path work = Path.of(args[2]);
    Files.createDirectories(work.resolve("out"));
    long t0 = System.nanoTime();
    Path local = work.resolve("input.bin");
    Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
    long t1 = System.nanoTime();
    List<Path> outputs = new ShuffleStep().run(local, work.resolve("out"), Map.of());
    long t2 = System.nanoTime();
    Path tmp = out.resolveSibling(out.getFileName() + ".part");
    Files.copy(outputs.get(0), tmp, StandardCopyOption.REPLACE_EXISTING);
    Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
    long t3 = System.nanoTime();
    Testbed.deleteTree(work);
    System.out.printf("TIMINGS {\"mainAt\":%d,\"copyInMs\":%.3f,\"computeMs\":%.3f,\"copyOutMs\":%.3f}%n",
        mainAt, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
  }
}
