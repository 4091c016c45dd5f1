package io.nearflow.adapters.localfs;

import io.nearflow.adapters.PushRequest;
import io.nearflow.data.Checksums;
import io.nearflow.data.DataUnit;
import io.nearflow.data.DataUnitConflictException;
import io.nearflow.routing.Locality;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The disk half of a push: takes a step's output into the store under the unit's name. Blocking;
 * runs on the adapter's worker pool.
 *
 * <p>The output is first renamed to a hidden temp name inside the store (a rename on the same file
 * system, a copy across), hashed there, then published under its final name without replacing
 * anything, and its metadata sidecar written ({@link StoreCatalog}). Whatever fails, the output is
 * put back where the step left it, so the agent can retry the push or report the hop as failed
 * with the file still at hand.
 */
final class StoreIntake {
  private static final System.Logger LOG = System.getLogger(StoreIntake.class.getName());

  /**
   * The stored unit; {@code fresh} false if an identical unit was already stored on this host, in
   * which case {@code unit} is that earlier unit (its creation time and producer hop), so a retried
   * push or upload gets back exactly what the first one got.
   */
  record Stored(DataUnit unit, boolean fresh) {}

  private final StoreDirectory store;
  private final StoreCatalog catalog;
  private final Locality here;

  StoreIntake(StoreDirectory store, StoreCatalog catalog, Locality here) {
    this.store = store;
    this.catalog = catalog;
    this.here = here;
  }

  /**
   * @param expectedChecksum what the sender says the bytes hash to (uploads); checked before
   *     anything is published
   * @throws DataUnitConflictException if this host already stores the id with other bytes
   * @throws IngestRejectedException if the bytes do not match {@code expectedChecksum}
   */
  Stored take(Path output, PushRequest request, Instant createdAt, Optional<String> expectedChecksum)
      throws IOException {
    if (!Files.isRegularFile(output, LinkOption.NOFOLLOW_LINKS)) {
      throw new NoSuchFileException(output.toString(), null, "a step output must be a regular file (links are refused)");
    }
    String locator = request.unitId(); // flat store: the unit id is the file name
    Path target = store.pathOf(locator);
    Path temp = store.newTempPath();
    Files.move(output, temp);
    try {
      Checksums.FileDigest digest = Checksums.sha256(temp);
      if (expectedChecksum.isPresent() && !expectedChecksum.get().equals(digest.checksum())) {
        throw new IngestRejectedException(IngestRejectedException.Reason.MISMATCH, "the bytes received hash to "
            + digest.checksum() + ", the sender announced " + expectedChecksum.get());
      }
      DataUnit unit = new DataUnit(request.unitId(), LocalFsAdapter.NAME, locator,
          digest.sizeBytes(), digest.checksum(), here, request.producerHopId(), createdAt);
      if (store.publish(temp, target)) {
        recordOrUndo(unit, output);
        return new Stored(unit, true);
      }
      // Same id already here: a retried hop, or a replica pulled earlier. Same bytes = same unit.
      Checksums.FileDigest existing = Checksums.sha256(target);
      Files.move(temp, output);
      if (!existing.equals(digest)) {
        throw new DataUnitConflictException(unit.id(), "this host stores " + existing.sizeBytes() + " bytes "
            + existing.checksum() + ", the new output has " + digest.sizeBytes() + " bytes " + digest.checksum());
      }
      return new Stored(earlier(unit), false);
    } catch (IOException | RuntimeException e) {
      giveBack(temp, output);
      throw e;
    }
  }

  /** Undoes a fresh intake whose registration failed: the stored file goes back to the output. */
  void undo(DataUnit unit, Path output) {
    try {
      Files.move(store.pathOf(unit.locator()), output);
      catalog.forget(unit.locator());
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not move unregistered unit " + unit.id() + " back to " + output, e);
    }
  }

  /** A published unit without metadata could never be re-announced: then it is not stored at all. */
  private void recordOrUndo(DataUnit unit, Path output) throws IOException {
    try {
      catalog.record(unit);
    } catch (IOException | RuntimeException e) {
      undo(unit, output);
      throw e;
    }
  }

  /**
   * The unit as first stored here, from its sidecar; heals a missing or unreadable sidecar (a
   * store older than sidecars, a crash between file and sidecar) with {@code unit}.
   */
  private DataUnit earlier(DataUnit unit) throws IOException {
    Optional<DataUnit> recorded;
    try {
      recorded = catalog.read(unit.locator());
    } catch (RuntimeException unreadable) {
      recorded = Optional.empty();
    }
    if (recorded.isPresent() && recorded.get().sameContentAs(unit)) {
      return recorded.get().withLocality(here);
    }
    catalog.record(unit);
    return unit;
  }

  private static void giveBack(Path temp, Path output) {
    try {
      if (Files.exists(temp, LinkOption.NOFOLLOW_LINKS)) {
        Files.move(temp, output);
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not give the output back to " + output + "; removing " + temp, e);
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // Swept at the next start (temp names are recognisable).
      }
    }
  }
}
