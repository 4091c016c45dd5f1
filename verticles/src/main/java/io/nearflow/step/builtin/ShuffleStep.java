package io.nearflow.step.builtin;

import io.nearflow.step.JavaStep;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code shuffle}: randomly permutes the bytes inside each {@value #BLOCK}-byte (100 KiB) block;
 * the output has the input's size and each block keeps its bytes, in a new order. The last block
 * may be shorter. Streams block by block, so a 100 MB input needs one 100 KiB buffer.
 *
 * <p>Param {@code seed} (a long) makes the output reproducible; without it every run differs.
 */
public final class ShuffleStep implements JavaStep {
  public static final int BLOCK = 100 * 1024;

  @Override
  public String type() {
    return "shuffle";
  }

  @Override
  public List<Path> run(Path input, Path outputDir, Map<String, String> params) throws Exception {
    SplittableRandom random = params.containsKey("seed")
        ? new SplittableRandom(Params.longParam(params, "seed", 0))
        : new SplittableRandom();
    Path output = outputDir.resolve(input.getFileName());
    byte[] block = new byte[BLOCK];
    try (InputStream in = Files.newInputStream(input); OutputStream out = Files.newOutputStream(output)) {
      int n;
      while ((n = in.readNBytes(block, 0, BLOCK)) > 0) {
        if (Thread.interrupted()) {
          throw new InterruptedException("shuffle interrupted (hop timed out)");
        }
        permute(block, n, random);
        out.write(block, 0, n);
      }
    }
    return List.of(output);
  }

  /** Fisher-Yates over the first {@code n} bytes: every permutation equally likely. */
  static void permute(byte[] bytes, int n, SplittableRandom random) {
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      byte b = bytes[i];
      bytes[i] = bytes[j];
      bytes[j] = b;
    }
  }
}
