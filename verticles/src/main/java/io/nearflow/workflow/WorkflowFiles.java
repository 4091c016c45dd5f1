package io.nearflow.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The on-disk layout of the workflow repository: {@code <dataDir>/workflows/<name>/v<version>.json}
 * and, after a delete, {@code <name>/deleted-through} holding the last version that was deleted
 * (versions never restart, so a run of a deleted v1 cannot be mistaken for a new v1).
 * Every write is a temp file, fsync and an atomic rename, so a crash leaves the old file or the
 * new one, never half of one. Not thread-safe: {@link WorkflowRepository} serialises writes.
 */
final class WorkflowFiles {
  static final String TOMBSTONE = "deleted-through";
  private static final Pattern VERSION_FILE = Pattern.compile("v([1-9][0-9]{0,9})\\.json");

  /**
   * What is on disk: readable versions; per name, the highest version number taken by something
   * that is not a live version (a delete mark, an unreadable file) so it is never handed out
   * again; and one line per unreadable file.
   */
  record Contents(List<WorkflowDefinition> definitions, Map<String, Integer> usedThrough, List<String> skipped) {}

  private final Path root;

  WorkflowFiles(Path dataDir) {
    this.root = dataDir.resolve("workflows");
  }

  Path root() {
    return root;
  }

  void write(WorkflowDefinition w) {
    writeAtomically(root.resolve(w.name()), "v" + w.version() + ".json", w.toJson().encodePrettily() + "\n");
  }

  /**
   * Marks every version up to {@code version} deleted, then removes their files. Once the mark
   * is written the delete has happened: files that cannot be removed now are removed at the
   * next load, so only a failure to write the mark throws.
   */
  void delete(String name, int version) {
    Path dir = root.resolve(name);
    writeAtomically(dir, TOMBSTONE, version + "\n");
    for (int v = version; v >= 1; v--) {
      deleteQuietly(dir.resolve("v" + v + ".json"));
    }
  }

  /** Everything readable under the root; leftovers of interrupted writes and deletes are removed. */
  Contents readAll() {
    List<WorkflowDefinition> found = new ArrayList<>();
    Map<String, Integer> used = new HashMap<>();
    List<String> skipped = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return new Contents(found, used, skipped);
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path dir : dirs) {
        String name = dir.getFileName().toString();
        if (WorkflowDefinition.NAME.matcher(name).matches()) {
          readWorkflow(dir, name, found, used, skipped);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
    }
    return new Contents(found, used, skipped);
  }

  private void readWorkflow(Path dir, String name, List<WorkflowDefinition> found, Map<String, Integer> used,
      List<String> skipped) throws IOException {
    Path tombstone = dir.resolve(TOMBSTONE);
    int deletedThrough = 0;
    if (Files.exists(tombstone)) {
      try {
        deletedThrough = Integer.parseInt(Files.readString(tombstone).strip());
        used.merge(name, deletedThrough, Math::max);
      } catch (NumberFormatException e) {
        skipped.add(tombstone + ": not a version number; versions of '" + name + "' may repeat");
      }
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String fileName = file.getFileName().toString();
        Matcher m = VERSION_FILE.matcher(fileName);
        if (fileName.startsWith(".") && fileName.endsWith(".tmp")) {
          Files.deleteIfExists(file); // a write that never reached its rename
        } else if (m.matches() && Integer.parseInt(m.group(1)) <= deletedThrough) {
          Files.deleteIfExists(file); // a delete that never finished
        } else if (m.matches() && !read(file, name, Integer.parseInt(m.group(1)), found, skipped)) {
          used.merge(name, Integer.parseInt(m.group(1)), Math::max);
        }
      }
    }
  }

  /** Whether the file held the version its name says. */
  private boolean read(Path file, String name, int version, List<WorkflowDefinition> found, List<String> skipped) {
    try {
      WorkflowDefinition w = WorkflowParser.readStored(Files.readString(file, StandardCharsets.UTF_8), file.toString());
      if (!w.name().equals(name) || w.version() != version) {
        skipped.add(file + ": holds workflow '" + w.name() + "' v" + w.version() + ", expected '" + name + "' v" + version);
      } else {
        found.add(w);
        return true;
      }
    } catch (WorkflowValidationException e) {
      skipped.add(e.getMessage());
    } catch (IOException | RuntimeException e) {
      skipped.add(file + ": cannot be read: " + e);
    }
    return false;
  }

  private static void writeAtomically(Path dir, String fileName, String content) {
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, "." + fileName + ".", ".tmp");
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
        ch.force(true); // the bytes must be on disk before the rename makes them visible
      }
      Files.move(temp, dir.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
      syncDirectory(dir);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new UncheckedIOException("cannot write " + dir.resolve(fileName) + ": " + e.getMessage(), e);
    }
  }

  /** Makes the rename itself durable where the platform allows it (Linux does, Windows does not). */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort: the file's own fsync already happened
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      if (file != null) {
        Files.deleteIfExists(file);
      }
    } catch (IOException ignored) {
      // leftovers (temp files, deleted versions) are removed at the next load
    }
  }
}
