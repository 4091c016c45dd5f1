package io.nearflow.adapters.localfs;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Puts a stored file into a step's work dir: a hard link when the file system allows (no bytes
 * move, the article's main saving), a copy otherwise. Either way the file appears under its final
 * name atomically, so a step never sees a half-written input. Blocking; runs on the worker pool.
 */
final class WorkDirPlacement {
  private static final System.Logger LOG = System.getLogger(WorkDirPlacement.class.getName());

  /** Where the file landed, and whether it is a link or a copy of {@code bytesCopied} bytes. */
  record Placed(Path path, boolean linked, long bytesCopied) {}

  private WorkDirPlacement() {}

  static Placed place(Path storeFile, Path workDir, String fileName) throws IOException {
    Files.createDirectories(workDir);
    Path target = workDir.resolve(fileName);
    Path temp = workDir.resolve("." + fileName + ".placing-" + UUID.randomUUID());
    try {
      boolean linked = tryLink(temp, storeFile);
      long copied = 0;
      if (!linked) {
        Files.copy(storeFile, temp);
        copied = Files.size(temp);
      }
      // rename(2) replaces an older file of the same name (a retried hop in the same work dir).
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      return new Placed(target, linked, copied);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static boolean tryLink(Path link, Path existing) throws IOException {
    try {
      Files.createLink(link, existing);
      return true;
    } catch (NoSuchFileException | FileAlreadyExistsException | AccessDeniedException e) {
      throw e; // a real problem a copy would not solve
    } catch (UnsupportedOperationException | FileSystemException e) {
      // Typically EXDEV (work dir on another file system) or a file system without links.
      LOG.log(Level.DEBUG, "hard link into {0} impossible ({1}); copying instead", link.getParent(), e.getMessage());
      return false;
    }
  }
}
