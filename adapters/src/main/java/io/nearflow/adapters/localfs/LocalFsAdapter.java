package io.nearflow.adapters.localfs;

import io.nearflow.adapters.AdapterContext;
import io.nearflow.adapters.AdapterHealth;
import io.nearflow.adapters.DataAdapter;
import io.nearflow.adapters.LocalityGranularity;
import io.nearflow.adapters.PullMethod;
import io.nearflow.adapters.PulledFile;
import io.nearflow.adapters.PushRequest;
import io.nearflow.adapters.TransferStats;
import io.nearflow.data.Checksums;
import io.nearflow.data.DataLocation;
import io.nearflow.data.DataUnit;
import io.nearflow.data.DataUnitIds;
import io.nearflow.routing.Locality;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

/**
 * The local-fs adapter of one host. Create it with {@link #open}; serve peers (pulls and uploads)
 * by mounting {@link #peerEndpoint()} on the node's HTTP router.
 *
 * <p>Start-up order on a node: {@link #open} (the store is usable at once), then, once the data
 * master is reachable, {@link #announceAll()} so units stored before a restart become reachable
 * again. {@code open} does not announce by itself because the adapter cannot know when the data
 * master is up, and a failed announce must be retried by whoever can.
 */
public final class LocalFsAdapter implements DataAdapter {
  public static final String NAME = "local-fs";

  private final AdapterContext context;
  private final Locality here;
  private final StoreDirectory store;
  private final WorkerExecutor disk;
  private final PeerTransferClient client;
  private final RemoteFetcher fetcher;
  private final StoreCatalog catalog;
  private final StoreIntake intake;
  private final StoreAnnouncer announcer;
  private final IncomingStream incoming;
  private volatile List<UnannouncedFile> unannounced = List.of();

  private LocalFsAdapter(AdapterContext context, LocalFsOptions options, StoreDirectory store, WorkerExecutor disk) {
    this.context = context;
    this.here = context.locality();
    this.store = store;
    this.disk = disk;
    this.client = new PeerTransferClient(context.vertx(), options.peerHttp());
    this.catalog = new StoreCatalog(store);
    this.fetcher = new RemoteFetcher(context, store, catalog, disk, client);
    this.intake = new StoreIntake(store, catalog, here);
    this.announcer = new StoreAnnouncer(context, catalog, disk);
    this.incoming = new IncomingStream(context.vertx(), options.maxUploadBytes(), options.peerHttp().idleTimeout());
  }

  /**
   * Opens (creating if needed) the store directory and starts the adapter. Does not announce the
   * units already in the store: call {@link #announceAll()} once the data master is reachable.
   *
   * @throws IllegalArgumentException if {@code context.locality()} has no host or zone: a
   *     local-fs store is on exactly one host, and its units must say which
   */
  public static Future<LocalFsAdapter> open(AdapterContext context, LocalFsOptions options) {
    Locality here = context.locality();
    if (!here.hasHost() || !here.hasZone()) {
      return Future.failedFuture(new IllegalArgumentException("local-fs needs a known host and zone, got " + here));
    }
    WorkerExecutor disk = context.vertx()
        .createSharedWorkerExecutor("nearflow-local-fs-" + here.host(), options.workerThreads());
    return disk.executeBlocking(() -> StoreDirectory.open(options.storeDir()), false)
        .map(store -> new LocalFsAdapter(context, options, store, disk))
        .onFailure(error -> disk.close());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public LocalityGranularity granularity() {
    return LocalityGranularity.HOST;
  }

  /** The HTTP routes through which other hosts pull from this store and upload into it. */
  public LocalFsPeerEndpoint peerEndpoint() {
    return new LocalFsPeerEndpoint(store, disk, this);
  }

  public Path storeDir() {
    return store.root();
  }

  public TransferStats stats() {
    return context.stats();
  }

  @Override
  public Future<PulledFile> pull(DataUnit unit, Path workDir) {
    long started = System.nanoTime();
    if (!NAME.equals(unit.adapter())) {
      return Future.failedFuture(new IllegalArgumentException(
          "unit " + unit.id() + " belongs to adapter '" + unit.adapter() + "', not " + NAME));
    }
    // A unit in this host's store is found and placed in one trip to the worker pool.
    return blocking(() -> {
      Optional<Path> local = localCopy(unit);
      return local.isPresent() ? WorkDirPlacement.place(local.get(), workDir, unit.id()) : null;
    }).compose(placed -> placed != null
        ? Future.succeededFuture(pulled(placed, started, null))
        : pullRemote(unit, workDir, started));
  }

  private Optional<Path> localCopy(DataUnit unit) throws Exception {
    Optional<Path> file = store.find(unit.locator());
    if (file.isPresent() && Files.size(file.get()) != unit.sizeBytes()) {
      throw new IllegalStateException("the store copy of unit " + unit.id() + " at " + file.get() + " has "
          + Files.size(file.get()) + " bytes, the unit has " + unit.sizeBytes() + ": the store is damaged");
    }
    return file;
  }

  private Future<PulledFile> pullRemote(DataUnit unit, Path workDir, long started) {
    RemoteFetcher.Attempt attempt = fetcher.fetch(unit);
    return attempt.result().compose(fetched -> place(unit, fetched.storeFile(), workDir, started,
        fetched.transferred() ? new Transfer(fetched, attempt.joined()) : null));
  }

  /** How the bytes reached this host's store, when they came over the network. */
  private record Transfer(RemoteFetcher.Fetched fetched, boolean joined) {}

  private Future<PulledFile> place(DataUnit unit, Path storeFile, Path workDir, long started, Transfer transfer) {
    return blocking(() -> WorkDirPlacement.place(storeFile, workDir, unit.id()))
        .map(placed -> pulled(placed, started, transfer));
  }

  private PulledFile pulled(WorkDirPlacement.Placed placed, long started, Transfer transfer) {
    PullMethod method;
    long moved = placed.bytesCopied();
    if (transfer == null) {
      method = placed.linked() ? PullMethod.HARD_LINK : PullMethod.COPY;
    } else if (transfer.joined()) {
      method = PullMethod.SHARED_TRANSFER;
    } else {
      method = PullMethod.REMOTE_TRANSFER;
      moved += transfer.fetched().bytesMoved();
    }
    context.stats().recordPull(method);
    context.stats().recordCopiedBytes(placed.bytesCopied());
    Locality source = transfer == null ? here : transfer.fetched().source();
    return new PulledFile(placed.path(), method, moved, Duration.ofNanos(System.nanoTime() - started), source);
  }

  @Override
  public Future<DataUnit> push(Path outputFile, PushRequest request) {
    return store(outputFile, request, Optional.empty());
  }

  private Future<DataUnit> store(Path outputFile, PushRequest request, Optional<String> expectedChecksum) {
    return blocking(() -> intake.take(outputFile, request, context.clock().instant(), expectedChecksum))
        .compose(stored -> register(stored, outputFile));
  }

  /**
   * Stores data entering from outside (an upload) as a new unit with no producer hop: streams
   * {@code body} into a temp file in the store (never holding it in memory), then takes it in
   * through the same path as {@link #push}. Call it on the Vert.x context that owns
   * {@code body}; the HTTP upload route calls it for uploads forwarded from other nodes.
   *
   * @param expectedChecksum {@code sha256:<64 hex>} the bytes must hash to; checked before anything
   *     becomes visible
   * @param unitId the id the unit must get; with the same bytes, uploading it again returns the
   *     same unit (so a client may retry), with other bytes it fails with
   *     {@link io.nearflow.data.DataUnitConflictException}. A fresh id when empty
   * @return the registered unit; on failure nothing is left in the store. Refusals are
   *     {@link IngestRejectedException}s (malformed id or checksum, larger than
   *     {@link LocalFsOptions#maxUploadBytes()}, checksum mismatch, stalled body)
   */
  public Future<DataUnit> ingest(ReadStream<Buffer> body, Optional<String> expectedChecksum, Optional<String> unitId) {
    return ingest(body, OptionalLong.empty(), expectedChecksum, unitId);
  }

  /** As {@link #ingest(ReadStream, Optional, Optional)}, also checking the announced length. */
  Future<DataUnit> ingest(ReadStream<Buffer> body, OptionalLong expectedBytes, Optional<String> expectedChecksum,
      Optional<String> unitId) {
    body.pause(); // before anything asynchronous, or the first chunks would be lost
    PushRequest request;
    Optional<String> checksum;
    try {
      request = new PushRequest(unitId.orElseGet(DataUnitIds::random), "");
      checksum = expectedChecksum.map(LocalFsAdapter::checkedSha256);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new IngestRejectedException(IngestRejectedException.Reason.INVALID_REQUEST,
          e.getMessage()));
    }
    if (expectedBytes.isPresent() && expectedBytes.getAsLong() > incoming.maxBytes()) {
      return Future.failedFuture(new IngestRejectedException(IngestRejectedException.Reason.TOO_LARGE,
          "the upload announces " + expectedBytes.getAsLong() + " bytes, this host takes at most " + incoming.maxBytes()));
    }
    Path upload = store.newTempPath();
    return incoming.writeTo(body, upload, expectedBytes)
        .compose(bytes -> store(upload, request, checksum))
        // Whatever happened, the upload's temp file goes: moved into the store, or refused.
        .eventually(() -> blocking(() -> Files.deleteIfExists(upload)));
  }

  private static String checkedSha256(String checksum) {
    String normalized = checksum.trim().toLowerCase(Locale.ROOT);
    if (!normalized.startsWith(Checksums.SHA256_PREFIX) || !Checksums.isWellFormed(normalized)) {
      throw new IllegalArgumentException("an upload checksum must be " + Checksums.SHA256_PREFIX
          + "<64 hex digits> (the only algorithm local-fs verifies), was '" + checksum + "'");
    }
    return normalized;
  }

  /**
   * Re-registers every unit in the store with the data master, at this adapter's current
   * locality, from the metadata written next to each file. Files without usable metadata (none,
   * unreadable, size not matching) are skipped, logged and listed by {@link #unannouncedFiles()};
   * they stay in the store. The node calls this once the data master is reachable after
   * {@link #open}; calling it again is harmless.
   *
   * @return the units announced; a failed future if the data master could not be reached
   */
  @Override
  public Future<List<DataUnit>> announceAll() {
    return announcer.announce().map(announced -> {
      unannounced = announced.skipped();
      return announced.units();
    });
  }

  /** The files the last {@link #announceAll()} skipped, with the reason for each. */
  public List<UnannouncedFile> unannouncedFiles() {
    return unannounced;
  }

  /** Registers a stored unit; on failure the output goes back where the step left it. */
  private Future<DataUnit> register(StoreIntake.Stored stored, Path outputFile) {
    return context.registry().register(stored.unit()).transform(registered -> {
      if (registered.succeeded()) {
        // An identical unit was already stored: the step's copy of the output is now redundant.
        Future<?> tidy = stored.fresh() ? Future.succeededFuture() : blocking(() -> Files.deleteIfExists(outputFile));
        return tidy.map(stored.unit());
      }
      Future<?> undo = stored.fresh()
          ? blocking(() -> {
            intake.undo(stored.unit(), outputFile);
            return null;
          })
          : Future.succeededFuture();
      return undo.transform(ignored -> Future.failedFuture(registered.cause()));
    });
  }

  @Override
  public Future<Void> delete(DataUnit unit) {
    return deleteFile(unit).compose(v -> context.registry().remove(unit.id(), new DataLocation(NAME, unit.locator(), here)));
  }

  @Override
  public Future<Void> deleteRetired(DataUnit unit) {
    return deleteFile(unit);
  }

  private Future<Void> deleteFile(DataUnit unit) {
    if (!NAME.equals(unit.adapter())) {
      return Future.failedFuture(new IllegalArgumentException(
          "unit " + unit.id() + " belongs to adapter '" + unit.adapter() + "', not " + NAME));
    }
    return blocking(() -> {
      // find() validates the locator and refuses links out of the store before anything is deleted;
      // the store entry itself is removed, never what a link points at. The sidecar goes after the
      // file, so a crash in between leaves only metadata without data, which the next scan sweeps.
      if (store.find(unit.locator()).isPresent()) {
        Files.deleteIfExists(store.pathOf(unit.locator()));
      }
      catalog.forget(unit.locator());
      return null;
    });
  }

  @Override
  public Future<AdapterHealth> health() {
    int skipped = unannounced.size();
    // Skipped files do not make the adapter unhealthy (new work is unaffected), but an operator
    // looking at health should learn that some stored data is invisible to the cluster.
    String note = skipped == 0 ? "" : "; " + skipped + " stored files could not be announced (see the log)";
    return blocking(() -> store.writable()
        ? new AdapterHealth(NAME, true, "store " + store.root() + " is writable" + note, store.usableBytes())
        : new AdapterHealth(NAME, false, "store " + store.root() + " is missing or not writable" + note, -1));
  }

  @Override
  public Future<Void> close() {
    return client.close().eventually(() -> disk.close());
  }

  private <T> Future<T> blocking(Callable<T> work) {
    // Unordered: independent pulls and pushes must not queue behind one big hash.
    return disk.executeBlocking(work, false);
  }
}
