package io.nearflow.step.builtin;

import io.nearflow.step.JavaStep;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code split}: fan-out. Writes {@code parts} outputs (default 2) holding consecutive byte
 * ranges of the input; the first {@code size % parts} parts get one byte more, so sizes differ
 * by at most one and concatenating the outputs in order gives the input back. Outputs are named
 * {@code <input>.part-001-of-004} and returned in part order. Parts may be empty.
 */
public final class SplitStep implements JavaStep {
  static final int MAX_PARTS = 10_000;

  @Override
  public String type() {
    return "split";
  }

  @Override
  public List<Path> run(Path input, Path outputDir, Map<String, String> params) throws Exception {
    long parts = Params.positive(params, "parts", 2);
    if (parts > MAX_PARTS) {
      throw new IllegalArgumentException("parameter 'parts' must be <= " + MAX_PARTS + ", got " + parts);
    }
    List<Path> outputs = new ArrayList<>();
    try (FileChannel in = FileChannel.open(input, StandardOpenOption.READ)) {
      long size = in.size();
      long position = 0;
      for (int i = 0; i < parts; i++) {
        long length = size / parts + (i < size % parts ? 1 : 0);
        Path part = outputDir.resolve(String.format("%s.part-%03d-of-%03d", input.getFileName(), i + 1, parts));
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          copyRange(in, position, length, out);
        }
        position += length;
        outputs.add(part);
      }
    }
    return outputs;
  }

  /** transferTo may move fewer bytes than asked; loop until the range is copied. */
  private static void copyRange(FileChannel in, long position, long length, FileChannel out) throws Exception {
    long done = 0;
    while (done < length) {
      long n = in.transferTo(position + done, length - done, out);
      if (n <= 0) {
        throw new IllegalStateException("input shrank while splitting at byte " + (position + done));
      }
      done += n;
    }
  }
}
