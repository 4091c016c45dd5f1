package io.nearflow.adapters.localfs;

import io.nearflow.adapters.AdapterContext;
import io.nearflow.data.DataLocation;
import io.nearflow.data.DataUnit;
import io.nearflow.data.DataUnitConflictException;
import io.nearflow.routing.Locality;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells the data master what this host's store holds, from the sidecars ({@link StoreCatalog}):
 * what a host that left the cluster does when its adapter starts again, so its units become
 * reachable again instead of staying marked unreachable.
 *
 * <p>Every unit is registered at this adapter's current locality (the host may have come back in
 * another zone; its old location on the same host is then removed, since those bytes are now
 * here). Registrations go out a batch at a time so a store of 100 000 units does not put 100 000
 * requests on the event bus at once.
 */
final class StoreAnnouncer {
  private static final System.Logger LOG = System.getLogger(StoreAnnouncer.class.getName());
  private static final int BATCH = 32;

  /** What one announcement registered and what it could not. */
  record Announced(List<DataUnit> units, List<UnannouncedFile> skipped) {}

  private final AdapterContext context;
  private final StoreCatalog catalog;
  private final WorkerExecutor disk;

  StoreAnnouncer(AdapterContext context, StoreCatalog catalog, WorkerExecutor disk) {
    this.context = context;
    this.catalog = catalog;
    this.disk = disk;
  }

  /**
   * Fails only when the data master cannot be reached (the caller retries; registering is
   * idempotent). A unit the data master knows with other content is skipped, not fatal.
   */
  Future<Announced> announce() {
    return disk.executeBlocking(catalog::scan, false).compose(scan -> {
      List<DataUnit> announced = new ArrayList<>();
      List<UnannouncedFile> skipped = new ArrayList<>(scan.skipped());
      // Built as a flat chain, not by recursion: with a registry that answers synchronously
      // (in memory) recursion would nest one stack frame group per batch.
      Future<Void> registered = Future.succeededFuture();
      List<DataUnit> recorded = scan.units();
      for (int from = 0; from < recorded.size(); from += BATCH) {
        List<DataUnit> batch = recorded.subList(from, Math.min(from + BATCH, recorded.size()));
        registered = registered.compose(v -> registerBatch(batch, announced, skipped));
      }
      return registered.map(done -> {
        skipped.forEach(file -> LOG.log(Level.WARNING, "not announcing {0} in the local-fs store: {1}",
            file.fileName(), file.reason()));
        LOG.log(skipped.isEmpty() ? Level.INFO : Level.WARNING,
            "local-fs on {0} announced {1} stored units; skipped {2} files",
            context.locality(), announced.size(), skipped.size());
        return new Announced(List.copyOf(announced), List.copyOf(skipped));
      });
    });
  }

  private Future<Void> registerBatch(List<DataUnit> batch, List<DataUnit> announced, List<UnannouncedFile> skipped) {
    List<Future<DataUnit>> registering = batch.stream().map(this::registerHere).toList();
    return Future.join(registering).transform(all -> {
      for (int i = 0; i < batch.size(); i++) {
        Future<DataUnit> one = registering.get(i);
        if (one.succeeded()) {
          announced.add(one.result());
        } else if (one.cause() instanceof DataUnitConflictException conflict) {
          skipped.add(new UnannouncedFile(batch.get(i).locator(), conflict.getMessage()));
        } else {
          return Future.failedFuture(one.cause());
        }
      }
      return Future.succeededFuture();
    });
  }

  private Future<DataUnit> registerHere(DataUnit recorded) {
    Locality here = context.locality();
    DataUnit unit = recorded.withLocality(here);
    return context.registry().register(unit).compose(registered -> {
      Locality before = recorded.locality();
      if (before.equals(here) || !before.host().equals(here.host())) {
        return Future.succeededFuture(unit);
      }
      // Same host, new zone: the old location names bytes that now answer from here.
      return context.registry().remove(unit.id(), new DataLocation(unit.adapter(), unit.locator(), before))
          .otherwise(error -> {
            LOG.log(Level.WARNING, "could not remove the old location " + before + " of unit " + unit.id()
                + ": " + error.getMessage());
            return null;
          })
          .map(unit);
    });
  }
}
