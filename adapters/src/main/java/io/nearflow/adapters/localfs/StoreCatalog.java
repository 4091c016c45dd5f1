package io.nearflow.adapters.localfs;

import io.nearflow.data.DataUnit;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The durable half of the store: next to every stored file, a sidecar with its data unit's JSON,
 * so that an adapter restarted on the same store can tell the data master what it holds (checksum,
 * producer hop, creation time) without re-hashing anything. Blocking; runs on the worker pool.
 *
 * <p>A sidecar is written to a temp name and renamed into place, so a reader sees a whole sidecar
 * or none. Order matters for crashes: a sidecar is written after its data file is published and
 * deleted after it is removed, so a crash leaves at worst a data file without a sidecar (reported,
 * never announced with guessed metadata) or a sidecar without data (swept by {@link #scan}).
 */
final class StoreCatalog {
  private static final System.Logger LOG = System.getLogger(StoreCatalog.class.getName());

  /** What {@link #scan} found: units whose sidecar matches their file, and what it could not use. */
  record Scan(List<DataUnit> units, List<UnannouncedFile> skipped) {}

  private final StoreDirectory store;

  StoreCatalog(StoreDirectory store) {
    this.store = store;
  }

  /** Writes (or replaces) the sidecar of a unit whose file this host has just published. */
  void record(DataUnit unit) throws IOException {
    Path temp = store.newTempPath();
    try {
      Files.write(temp, unit.toJson().toBuffer().getBytes());
      Files.move(temp, store.sidecarOf(unit.locator()), StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Writes the sidecar only if there is none (the file was published by someone else). */
  void recordIfMissing(DataUnit unit) throws IOException {
    if (!Files.exists(store.sidecarOf(unit.locator()), LinkOption.NOFOLLOW_LINKS)) {
      record(unit);
    }
  }

  /**
   * The unit recorded for {@code locator}, if there is a sidecar.
   *
   * @throws io.nearflow.data.DataContractException or {@link io.vertx.core.json.DecodeException}
   *     if the sidecar is not a data unit
   */
  Optional<DataUnit> read(String locator) throws IOException {
    byte[] json;
    try {
      json = Files.readAllBytes(store.sidecarOf(locator));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    return Optional.of(DataUnit.fromJson(new JsonObject(Buffer.buffer(json))));
  }

  void forget(String locator) throws IOException {
    Files.deleteIfExists(store.sidecarOf(locator));
  }

  /**
   * Reads every sidecar and checks it against its file: same locator, this adapter, same size.
   * Content is not re-hashed (that would read the whole store at every start); a unit whose bytes
   * rotted with their size intact is caught by the checksum check of the next remote pull.
   * Sidecars whose file is gone are deleted; files that cannot be announced are left in place
   * for an operator to look at.
   */
  Scan scan() throws IOException {
    StoreDirectory.Listing listing = store.list();
    List<DataUnit> units = new ArrayList<>();
    List<UnannouncedFile> skipped = new ArrayList<>();
    for (String stranger : listing.strangers()) {
      skipped.add(new UnannouncedFile(stranger, "the name is not a unit id"));
    }
    for (String locator : listing.dataFiles()) {
      Checked checked = check(locator);
      if (checked.unit() != null) {
        units.add(checked.unit());
      } else {
        skipped.add(new UnannouncedFile(locator, checked.problem()));
      }
    }
    Set<String> dataFiles = new HashSet<>(listing.dataFiles());
    for (String orphan : listing.sidecarLocators()) {
      if (!dataFiles.contains(orphan) && StoreDirectory.LOCATOR.matcher(orphan).matches()) {
        LOG.log(Level.INFO, "removing the metadata of unit {0}: its file is gone", orphan);
        forget(orphan);
      }
    }
    return new Scan(units, skipped);
  }

  /** Either the unit recorded for a file or why it cannot be announced. */
  private record Checked(DataUnit unit, String problem) {
    static Checked problem(String problem) {
      return new Checked(null, problem);
    }
  }

  private Checked check(String locator) throws IOException {
    Path file = store.pathOf(locator);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Checked.problem("not a regular file (links and directories are never announced)");
    }
    Optional<DataUnit> recorded;
    try {
      recorded = read(locator);
    } catch (RuntimeException e) {
      return Checked.problem("unreadable metadata sidecar: " + e.getMessage());
    }
    if (recorded.isEmpty()) {
      return Checked.problem("no metadata sidecar (stored before sidecars existed, or the host crashed"
          + " between storing the file and its metadata)");
    }
    DataUnit unit = recorded.get();
    if (!LocalFsAdapter.NAME.equals(unit.adapter()) || !locator.equals(unit.locator())) {
      return Checked.problem("the metadata sidecar describes " + unit.adapter() + ":" + unit.locator());
    }
    long size = Files.size(file);
    if (size != unit.sizeBytes()) {
      return Checked.problem("size mismatch: the file has " + size + " bytes, its metadata says " + unit.sizeBytes());
    }
    return new Checked(unit, null);
  }
}
