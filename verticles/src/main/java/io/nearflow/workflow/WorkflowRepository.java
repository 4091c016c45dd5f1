package io.nearflow.workflow;

import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Logger;

/**
 * The embedded, default store of workflow definitions: one JSON file per version under
 * {@code <dataDir>/workflows/}, so definitions survive a restart of the whole cluster. A new
 * repository on the same directory sees everything a previous one stored.
 *
 * <p>Every method may block on the file system (the first call reads the directory; writes
 * fsync): call them from a worker thread ({@code vertx.executeBlocking}), never an event loop.
 * Thread-safe: reads share an in-memory copy, writes are serialised. One repository per
 * directory: two processes writing the same directory are not coordinated.
 */
public final class WorkflowRepository {
  private static final Logger LOG = Logger.getLogger(WorkflowRepository.class.getName());

  private final WorkflowFiles files;
  private final Clock clock;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  // Guarded by lock; null until the directory has been read.
  private Map<String, NavigableMap<Integer, WorkflowDefinition>> byName;
  // Highest version number per name that is taken but not live (deleted, unreadable): never reused.
  private Map<String, Integer> usedThrough = Map.of();
  private List<String> skipped = List.of();

  public WorkflowRepository(Path dataDir) {
    this(dataDir, Clock.systemUTC());
  }

  public WorkflowRepository(Path dataDir, Clock clock) {
    this.files = new WorkflowFiles(dataDir);
    this.clock = clock;
  }

  /** Where the files live: {@code <dataDir>/workflows}. */
  public Path directory() {
    return files.root();
  }

  /**
   * Stores a definition as the next version of its name (1 for a new name) and returns it with
   * its version and registration time. Idempotent: if the content is the same as the latest
   * version's, no new version is created and the latest is returned, so re-submitting an
   * unchanged file is harmless. Versions only grow, also across {@link #delete}.
   */
  public WorkflowDefinition register(WorkflowDefinition parsed) {
    lock.writeLock().lock();
    try {
      ensureLoaded();
      NavigableMap<Integer, WorkflowDefinition> versions = byName.get(parsed.name());
      if (versions != null && versions.lastEntry().getValue().sameContent(parsed)) {
        return versions.lastEntry().getValue();
      }
      int last = Math.max(versions != null ? versions.lastKey() : 0, usedThrough.getOrDefault(parsed.name(), 0));
      WorkflowDefinition stored = parsed.registered(last + 1, clock.instant().truncatedTo(ChronoUnit.MILLIS));
      files.write(stored); // disk first: what the caller is told is stored must survive a crash
      byName.computeIfAbsent(parsed.name(), n -> new TreeMap<>()).put(stored.version(), stored);
      return stored;
    } finally {
      lock.writeLock().unlock();
    }
  }

  public Optional<WorkflowDefinition> latest(String name) {
    return read(() -> Optional.ofNullable(byName.get(name)).map(v -> v.lastEntry().getValue()));
  }

  public Optional<WorkflowDefinition> get(String name, int version) {
    return read(() -> Optional.ofNullable(byName.get(name)).map(v -> v.get(version)));
  }

  /** The latest version of every workflow, by name. */
  public List<WorkflowDefinition> list() {
    return read(() -> new TreeMap<>(byName).values().stream().map(v -> v.lastEntry().getValue()).toList());
  }

  /** Every stored version of a workflow, oldest first; empty if there is none. */
  public List<WorkflowDefinition> versions(String name) {
    return read(() -> byName.containsKey(name) ? List.copyOf(byName.get(name).values()) : List.of());
  }

  /** Deletes every version of a workflow; returns whether there was one. */
  public boolean delete(String name) {
    lock.writeLock().lock();
    try {
      ensureLoaded();
      NavigableMap<Integer, WorkflowDefinition> versions = byName.get(name);
      if (versions == null) {
        return false;
      }
      files.delete(name, versions.lastKey());
      byName.remove(name);
      Map<String, Integer> marks = new HashMap<>(usedThrough);
      marks.merge(name, versions.lastKey(), Math::max);
      usedThrough = marks;
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * (Re)reads the directory, for start-up: every stored version of every workflow, by name then
   * version. Unreadable files are logged, listed in {@link #skippedFiles()} and skipped, so one
   * corrupt file never keeps a node from starting.
   */
  public List<WorkflowDefinition> loadAll() {
    lock.writeLock().lock();
    try {
      byName = null;
      ensureLoaded();
      List<WorkflowDefinition> all = new ArrayList<>();
      new TreeMap<>(byName).values().forEach(v -> all.addAll(v.values()));
      return all;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Per name, the highest version number that is taken but not live (deleted, or unreadable):
   * numbers a new version of that name must not reuse.
   */
  public Map<String, Integer> usedThrough() {
    return read(() -> usedThrough);
  }

  /** One line per file the last load could not use: the file, and why. */
  public List<String> skippedFiles() {
    return read(() -> skipped);
  }

  private void ensureLoaded() {
    if (byName != null) {
      return;
    }
    WorkflowFiles.Contents contents = files.readAll();
    Map<String, NavigableMap<Integer, WorkflowDefinition>> loaded = new HashMap<>();
    contents.definitions().forEach(w -> loaded.computeIfAbsent(w.name(), n -> new TreeMap<>()).put(w.version(), w));
    contents.skipped().forEach(s -> LOG.warning("skipping workflow file " + s));
    usedThrough = Map.copyOf(contents.usedThrough());
    skipped = List.copyOf(contents.skipped());
    byName = loaded;
  }

  private <T> T read(Supplier<T> query) {
    lock.readLock().lock();
    try {
      if (byName != null) {
        return query.get();
      }
    } finally {
      lock.readLock().unlock();
    }
    // First use: load under the write lock, then answer (a read lock cannot be upgraded).
    lock.writeLock().lock();
    try {
      ensureLoaded();
      return query.get();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
