package io.nearflow.step.builtin;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A number in a text file, incremented atomically: across threads (one JVM-wide monitor, since
 * file locks are per process) and across processes (a file lock), so concurrent retries of the
 * {@code fail} step each see a distinct attempt number.
 */
final class AttemptCounter {
  private AttemptCounter() {}

  /** Returns the new value; a missing or empty file counts as 0. */
  static synchronized long increment(Path file) throws Exception {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
      ByteBuffer buf = ByteBuffer.allocate((int) Math.min(ch.size(), 64));
      ch.read(buf, 0);
      String text = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
      long next = (text.isEmpty() ? 0 : Long.parseLong(text)) + 1;
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(Long.toString(next).getBytes(StandardCharsets.US_ASCII)), 0);
      ch.force(false);
      return next;
    }
  }
}
