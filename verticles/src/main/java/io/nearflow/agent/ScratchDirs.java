package io.nearflow.agent;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The hops' scratch directories on this host ({@code <agent.workDir>/scratch-N/{in,out}}), kept
 * and reused: a hop takes a clean one, and gives it back emptied. Creating and removing three
 * directories per hop was the largest single cost of a small hop (inode allocation in the file
 * system, measured in the micro bench); emptying a directory that holds one hard link is cheap.
 *
 * <p>A directory is reused only after a hop whose step has certainly stopped touching it. After a
 * timeout, an unavailable step or a cancellation the step may still be writing (a Java step that
 * ignores its interrupt), so that directory is renamed away and deleted instead. Only names this
 * class makes ({@code scratch-*}) are ever deleted in {@code agent.workDir}. Used from the agent's
 * event loop only; the file work runs on worker threads.
 */
final class ScratchDirs {
  private static final Logger LOG = Logger.getLogger(ScratchDirs.class.getName());
  private static final String PREFIX = "scratch-";

  /** One hop's scratch: the step reads its input from {@code in} and writes outputs to {@code out}. */
  record Scratch(Path root, Path in, Path out) {}

  private final Vertx vertx;
  private final Path workDir;
  private final int keep;
  private final ArrayDeque<Scratch> clean = new ArrayDeque<>();
  private int created;

  /** @param keep how many clean directories to keep at most (the host's slots are a good bound) */
  ScratchDirs(Vertx vertx, Path workDir, int keep) {
    this.vertx = vertx;
    this.workDir = workDir;
    this.keep = Math.max(1, keep);
  }

  /** Creates the work dir and removes scratch left by an earlier process on this work dir. */
  Future<Void> open() {
    return vertx.executeBlocking(() -> {
      Files.createDirectories(workDir);
      try (DirectoryStream<Path> old = Files.newDirectoryStream(workDir, PREFIX + "*")) {
        for (Path dir : old) {
          deleteTree(dir);
        }
      }
      return null;
    }, false);
  }

  /** A clean scratch directory: a kept one at once, or a new one. */
  Future<Scratch> acquire() {
    Scratch kept = clean.pollFirst();
    if (kept != null) {
      return Future.succeededFuture(kept);
    }
    Path root = workDir.resolve(PREFIX + (++created));
    Scratch fresh = new Scratch(root, root.resolve("in"), root.resolve("out"));
    return vertx.executeBlocking(() -> {
      Files.createDirectories(fresh.in());
      Files.createDirectories(fresh.out());
      return fresh;
    }, false);
  }

  /**
   * Gives a scratch back. {@code reusable}: the step has stopped for sure, so the directory is
   * emptied and kept; otherwise it is renamed away at once and deleted. Completes when that is
   * done (never fails: a scratch that cannot be cleaned is logged and left for the next start).
   */
  Future<Void> release(Scratch scratch, boolean reusable) {
    return vertx.executeBlocking(() -> {
      if (reusable) {
        empty(scratch.in());
        empty(scratch.out());
        return true;
      }
      Path retired = scratch.root().resolveSibling(scratch.root().getFileName() + ".retired-" + UUID.randomUUID());
      Files.move(scratch.root(), retired);
      deleteTree(retired);
      return false;
    }, false).transform(ar -> {
      if (ar.succeeded() && ar.result() && clean.size() < keep) {
        clean.addFirst(scratch); // most recently used first: its directory entries are cached
      } else if (ar.succeeded() && ar.result()) {
        vertx.executeBlocking(() -> deleteTree(scratch.root()), false);
      } else if (ar.failed()) {
        // Not reused: a later start of this agent removes what is left (scratch-* names).
        LOG.warning("scratch " + scratch.root() + " could not be cleaned and is not reused: " + ar.cause());
      }
      return Future.succeededFuture();
    });
  }

  /** Deletes everything inside {@code dir}, not {@code dir} itself; links are removed, not followed. */
  private static void empty(Path dir) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        deleteTree(entry);
      }
    }
  }

  private static Void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
        if (exc != null) {
          throw exc;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
    return null;
  }
}
