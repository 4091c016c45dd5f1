package io.nearflow.adapters.localfs;

import io.nearflow.adapters.LocatorRefusedException;
import io.nearflow.adapters.LocatorRefusedException.Reason;
import io.nearflow.data.DataUnitIds;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The store directory of one host and the only place a locator becomes a path. All methods block;
 * callers run them on the adapter's worker pool.
 *
 * <p>The store is flat: a locator is a plain file name, the unit id. Checking it against a
 * whitelist (the unit id alphabet) rules out {@code ..}, separators, absolute paths and hidden
 * names; resolving the real path then rules out symbolic links that lead outside the store.
 *
 * <p>Everything else in the store is hidden, so no locator can address it: in-progress temp files
 * ({@code .incoming-*}) and each unit's metadata sidecar ({@code .unit-<locator>.json}, see
 * {@link StoreCatalog}). A prefix rather than a {@code .meta} suffix because a unit id may itself
 * end in {@code .meta}.
 */
final class StoreDirectory {
  /** A unit id: sidecar names stay well under the 255-byte file name limit. */
  static final Pattern LOCATOR = DataUnitIds.VALID;
  private static final String TEMP_PREFIX = ".incoming-";
  private static final String SIDECAR_PREFIX = ".unit-";
  private static final String SIDECAR_SUFFIX = ".json";

  private final Path root;

  private StoreDirectory(Path root) {
    this.root = root;
  }

  /** Creates the directory if needed and removes temp files a crashed process left behind. */
  static StoreDirectory open(Path dir) throws IOException {
    Files.createDirectories(dir);
    StoreDirectory store = new StoreDirectory(dir.toRealPath());
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(store.root, TEMP_PREFIX + "*")) {
      for (Path temp : leftovers) {
        Files.deleteIfExists(temp);
      }
    }
    return store;
  }

  Path root() {
    return root;
  }

  /** The path a locator names, checked only syntactically (the file may not exist yet). */
  Path pathOf(String locator) {
    if (locator == null || !LOCATOR.matcher(locator).matches()) {
      throw new LocatorRefusedException(Reason.MALFORMED, locator,
          "a local-fs locator is a unit id matching " + LOCATOR + " (no '..', '/', or leading dot)");
    }
    return root.resolve(locator);
  }

  /**
   * The stored file a locator names, if present.
   *
   * @throws LocatorRefusedException if the name is malformed or leads out of the store
   */
  Optional<Path> find(String locator) throws IOException {
    Path path = pathOf(locator);
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Path real;
    try {
      real = path.toRealPath();
    } catch (NoSuchFileException e) {
      throw new LocatorRefusedException(Reason.ESCAPES_STORE, locator, "symbolic link that does not resolve");
    }
    if (!real.startsWith(root)) {
      throw new LocatorRefusedException(Reason.ESCAPES_STORE, locator, "resolves outside the store");
    }
    if (!Files.isRegularFile(real)) {
      throw new LocatorRefusedException(Reason.ESCAPES_STORE, locator, "is not a regular file");
    }
    return Optional.of(real);
  }

  /** A fresh name in the store for bytes that are not verified or complete yet. */
  Path newTempPath() {
    return root.resolve(TEMP_PREFIX + UUID.randomUUID());
  }

  /** Where the metadata of the unit stored under {@code locator} lives (checked like a locator). */
  Path sidecarOf(String locator) {
    return pathOf(locator).resolveSibling(SIDECAR_PREFIX + locator + SIDECAR_SUFFIX);
  }

  /** What the store holds, by kind; read once, in no particular order. */
  record Listing(List<String> dataFiles, List<String> sidecarLocators, List<String> strangers) {}

  /**
   * Lists the store. Data files are the names a locator can address; a sidecar is listed by the
   * locator it describes; strangers are visible names that are no locator (put there by hand).
   * Temp files are left out: they are never anything yet.
   */
  Listing list() throws IOException {
    List<String> data = new ArrayList<>();
    List<String> sidecars = new ArrayList<>();
    List<String> strangers = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith(SIDECAR_PREFIX) && name.endsWith(SIDECAR_SUFFIX)) {
          sidecars.add(name.substring(SIDECAR_PREFIX.length(), name.length() - SIDECAR_SUFFIX.length()));
        } else if (LOCATOR.matcher(name).matches()) {
          data.add(name);
        } else if (!name.startsWith(".")) {
          strangers.add(name);
        }
      }
    }
    return new Listing(data, sidecars, strangers);
  }

  /**
   * Makes {@code temp} visible as {@code target}, atomically and without replacing an existing
   * file (two pushes of one id must not silently overwrite each other).
   *
   * @return false if {@code target} already existed; {@code temp} is then left for the caller
   */
  boolean publish(Path temp, Path target) throws IOException {
    try {
      // link() fails atomically if the name exists, which rename() would silently replace.
      Files.createLink(target, temp);
      Files.delete(temp);
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (UnsupportedOperationException | FileSystemException e) {
      // A store on a file system without hard links: best effort check-then-rename.
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }
    markReadOnly(target);
    return true;
  }

  long usableBytes() throws IOException {
    return Files.getFileStore(root).getUsableSpace();
  }

  boolean writable() {
    return Files.isDirectory(root) && Files.isWritable(root);
  }

  /**
   * Stored bytes are immutable and shared by hard links with steps' work dirs: read-only
   * permissions stop a step that opens its input for writing from corrupting the store (root
   * bypasses them, so steps should not run as root).
   */
  private static void markReadOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
    } catch (UnsupportedOperationException e) {
      file.toFile().setReadOnly();
    }
  }
}
