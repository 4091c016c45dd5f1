package io.nearflow.adapters.localfs;

import io.nearflow.adapters.AdapterContext;
import io.nearflow.adapters.DataTransferException;
import io.nearflow.adapters.DataTransferException.Reason;
import io.nearflow.data.Checksums;
import io.nearflow.data.DataLocation;
import io.nearflow.data.DataUnit;
import io.nearflow.routing.Locality;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brings a unit held by another host into this host's store: asks the data master where the unit
 * is, streams it from the nearest peer that answers (trying the next location on failure),
 * verifies length and checksum, publishes it atomically with its metadata sidecar and registers
 * the new replica.
 *
 * <p>Concurrent fetches of one unit on this host share one transfer: the first caller starts it,
 * later callers get the same future. This matters because the router deliberately sends several
 * hops for the same data to the same host.
 */
final class RemoteFetcher {
  private static final System.Logger LOG = System.getLogger(RemoteFetcher.class.getName());

  /** The unit in this host's store; {@code transferred} is false if it was there already. */
  record Fetched(Path storeFile, long bytesMoved, Locality source, boolean transferred) {}

  /** A fetch as one caller sees it: {@code joined} when another caller started it. */
  record Attempt(Future<Fetched> result, boolean joined) {}

  private record Candidate(DataLocation location, URI peer) {}

  private final AdapterContext context;
  private final StoreDirectory store;
  private final StoreCatalog catalog;
  private final WorkerExecutor disk;
  private final PeerTransferClient client;
  private final Map<String, Future<Fetched>> inFlight = new ConcurrentHashMap<>();

  RemoteFetcher(AdapterContext context, StoreDirectory store, StoreCatalog catalog, WorkerExecutor disk,
      PeerTransferClient client) {
    this.context = context;
    this.store = store;
    this.catalog = catalog;
    this.disk = disk;
    this.client = client;
  }

  Attempt fetch(DataUnit unit) {
    Promise<Fetched> promise = Promise.promise();
    Future<Fetched> running = inFlight.putIfAbsent(unit.id(), promise.future());
    if (running != null) {
      return new Attempt(running, true);
    }
    // Re-check the store first: a fetch that finished between the caller's look and our
    // putIfAbsent has already published the file.
    disk.executeBlocking(() -> store.find(unit.locator()), false)
        .compose(present -> present.isPresent()
            ? Future.succeededFuture(new Fetched(present.get(), 0, context.locality(), false))
            : fromPeers(unit))
        .onComplete(ar -> {
          inFlight.remove(unit.id(), promise.future());
          promise.handle(ar);
        });
    return new Attempt(promise.future(), false);
  }

  private Future<Fetched> fromPeers(DataUnit unit) {
    return context.registry().locate(unit.id()).compose(locations -> {
      List<DataLocation> known = locations.isEmpty() ? List.of(DataLocation.of(unit)) : locations;
      List<Candidate> candidates = candidates(known);
      if (candidates.isEmpty()) {
        return Future.failedFuture(new DataTransferException(Reason.NO_SOURCE, "no other host can serve unit "
            + unit.id() + " to " + context.locality() + "; known locations: " + known));
      }
      return tryInOrder(unit, candidates, 0, new ArrayList<>());
    }).compose(fetched -> registerReplica(unit).map(fetched));
  }

  /** Other hosts' local-fs copies with a known address, same zone first (stable otherwise). */
  private List<Candidate> candidates(List<DataLocation> locations) {
    Locality here = context.locality();
    List<Candidate> out = new ArrayList<>();
    for (DataLocation location : locations) {
      String host = location.locality().host();
      if (!LocalFsAdapter.NAME.equals(location.adapter()) || !location.locality().hasHost() || host.equals(here.host())) {
        continue;
      }
      Optional<URI> peer = context.peers().baseUri(host);
      peer.ifPresent(uri -> out.add(new Candidate(location, uri)));
    }
    out.sort(Comparator.comparingInt(c -> c.location().locality().zone().equals(here.zone()) ? 0 : 1));
    return out;
  }

  private Future<Fetched> tryInOrder(DataUnit unit, List<Candidate> candidates, int index, List<String> errors) {
    Candidate candidate = candidates.get(index);
    return fetchFrom(unit, candidate).recover(error -> {
      errors.add(error.getMessage());
      if (index + 1 < candidates.size()) {
        LOG.log(Level.INFO, "{0}; trying the next location", error.getMessage());
        return tryInOrder(unit, candidates, index + 1, errors);
      }
      if (errors.size() == 1) {
        return Future.failedFuture(error);
      }
      Reason reason = error instanceof DataTransferException t ? t.reason() : Reason.INTERRUPTED;
      return Future.failedFuture(new DataTransferException(reason,
          "all " + errors.size() + " locations of unit " + unit.id() + " failed: " + String.join("; ", errors), error));
    });
  }

  private Future<Fetched> fetchFrom(DataUnit unit, Candidate candidate) {
    Locality source = candidate.location().locality();
    String what = "unit " + unit.id() + " from host " + source.host();
    Path temp = store.newTempPath();
    return client.download(candidate.peer(), candidate.location().locator(), unit.sizeBytes(), temp, what)
        .onSuccess(bytes -> context.stats().recordNetworkBytes(source.zone(), context.locality().zone(), bytes))
        .compose(bytes -> disk.executeBlocking(() -> verifyAndPublish(unit, temp, what), false))
        .map(file -> new Fetched(file, unit.sizeBytes(), source, true))
        .onFailure(error -> context.stats().recordFailedTransfer());
  }

  /** Blocking. Only verified bytes ever get the unit's name; anything else is deleted. */
  private Path verifyAndPublish(DataUnit unit, Path temp, String what) throws Exception {
    try {
      Checksums.FileDigest digest = Checksums.sha256(temp);
      if (digest.sizeBytes() != unit.sizeBytes()) {
        throw new DataTransferException(Reason.CORRUPT,
            what + " arrived with " + digest.sizeBytes() + " bytes, the unit has " + unit.sizeBytes());
      }
      if (!digest.checksum().equals(unit.checksum())) {
        throw new DataTransferException(Reason.CORRUPT,
            what + " failed verification: expected " + unit.checksum() + ", got " + digest.checksum());
      }
      Path target = store.pathOf(unit.locator());
      // A concurrent push of the same id may have won; its bytes are the same unit.
      boolean published = store.publish(temp, target);
      recordReplica(unit.withLocality(context.locality()), published);
      return target;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Blocking. Without a sidecar the replica is not re-announced after a restart; that costs only
   * locality (the original is still registered), so a failure here does not fail the pull.
   */
  private void recordReplica(DataUnit replica, boolean published) {
    try {
      if (published) {
        catalog.record(replica);
      } else {
        catalog.recordIfMissing(replica);
      }
    } catch (Exception e) {
      LOG.log(Level.WARNING, "could not write the metadata of replica " + replica.id()
          + "; it will not be re-announced after a restart: " + e.getMessage());
    }
  }

  /** Tells the data master this host now has a copy too; a failure costs only locality later. */
  private Future<Void> registerReplica(DataUnit unit) {
    return context.registry().register(unit.withLocality(context.locality())).recover(error -> {
      LOG.log(Level.WARNING, "could not register the replica of unit " + unit.id() + " on "
          + context.locality() + ": " + error.getMessage());
      return Future.succeededFuture();
    });
  }
}
