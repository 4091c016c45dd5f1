package io.nearflow.adapters;

import io.nearflow.data.DataUnit;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.List;

/**
 * One kind of storage on one host. Implementations never block the calling event loop: file and
 * network work runs on worker threads or through Vert.x's asynchronous APIs.
 */
public interface DataAdapter {

  /** The name units carry in {@link DataUnit#adapter()}; keys the {@link AdapterRegistry}. */
  String name();

  /** How precisely this adapter can say where its data is; routing uses nothing finer. */
  LocalityGranularity granularity();

  /**
   * Makes the unit's bytes available as a file in {@code workDir} (created if missing), fetching
   * them from wherever they are. The file is verified against the unit's size and checksum
   * whenever bytes were moved over the network. Steps must treat the file as read-only: it may
   * share its inode with the store.
   */
  Future<PulledFile> pull(DataUnit unit, Path workDir);

  /**
   * Takes a step's output into the store (the file at {@code outputFile} is consumed: moved, not
   * copied, when the file system allows), computes size and checksum, and registers the new unit
   * with the data master. Pushing the same id again with the same content succeeds with an
   * equivalent unit (same id, size and checksum; see {@link DataUnit#sameContentAs}) and stores
   * nothing new; with different content it fails with
   * {@link io.nearflow.data.DataUnitConflictException}. On any failure {@code outputFile} is left
   * where the step put it.
   */
  Future<DataUnit> push(Path outputFile, PushRequest request);

  /**
   * Deletes this adapter's copy of the unit and unregisters that location. Copies other hosts
   * pulled are deleted by their own adapters (the data master lists them). Deleting what is not
   * there succeeds. Files already handed to steps stay readable where they are hard links.
   */
  Future<Void> delete(DataUnit unit);

  /**
   * Deletes this adapter's copy of a unit the data master has already dropped (retention retires
   * a unit and its locations in one step, then tells each holding host): the same as
   * {@link #delete} without unregistering. Deleting what is not there succeeds.
   */
  default Future<Void> deleteRetired(DataUnit unit) {
    return delete(unit);
  }

  /**
   * Re-registers with the data master every unit this adapter's store holds, at this host's
   * current locality, and returns them. The node calls it once, after a (re)start, when the data
   * master is reachable: a host that left the cluster has its units marked unreachable, and this
   * is how they become reachable again. Must be idempotent (retry on failure is the caller's).
   * Adapters whose storage the data master does not track per host announce nothing.
   */
  default Future<List<DataUnit>> announceAll() {
    return Future.succeededFuture(List.of());
  }

  Future<AdapterHealth> health();

  /** Releases connections and threads. */
  Future<Void> close();
}
