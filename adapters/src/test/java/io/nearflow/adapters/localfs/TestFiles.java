package io.nearflow.adapters.localfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Small file helpers for tests. */
final class TestFiles {
  private TestFiles() {}

  static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static Path write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every entry (hidden ones included) in a directory; empty if it does not exist. */
  static List<Path> entries(Path dir) {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The unit files of a store: what a locator can address (no temp files, no sidecars). */
  static List<String> unitFiles(Path store) {
    return entries(store).stream().map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
  }

  /** The metadata sidecars of a store. */
  static List<String> sidecars(Path store) {
    return entries(store).stream().map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".unit-")).toList();
  }

  /** The in-progress temp files of a store (uploads and pulls not finished or not cleaned up). */
  static List<String> tempFiles(Path store) {
    return entries(store).stream().map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".incoming-")).toList();
  }

  static Object inode(Path file) {
    try {
      return Files.getAttribute(file, "unix:ino");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
