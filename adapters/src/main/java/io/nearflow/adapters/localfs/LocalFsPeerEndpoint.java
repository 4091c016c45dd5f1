package io.nearflow.adapters.localfs;

import io.nearflow.adapters.LocatorRefusedException;
import io.nearflow.data.DataUnit;
import io.nearflow.data.DataUnitConflictException;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The HTTP side of a host's local-fs adapter: serves stored units to peer hosts' adapters, and
 * takes in data entering from outside, forwarded by the API node.
 *
 * <p>{@code GET /data/v1/units/{locator}} answers 200 with the bytes
 * ({@code application/octet-stream}, exact {@code Content-Length}, sent with zero-copy
 * {@code sendFile}), 400 for a malformed locator, 403 for one that leads out of the store, 404 for
 * an unknown one; errors are JSON {@code {"error": ..., "locator": ...}}. Integrity is checked by
 * the receiver against the checksum in the data unit, so the endpoint does not re-hash.
 *
 * <p>{@code POST /data/v1/units} streams the body into the store as a new unit
 * ({@link LocalFsAdapter#ingest}) and answers 201 with the unit's JSON. Optional headers:
 * {@value #CHECKSUM_HEADER} ({@code sha256:<hex>}, verified before anything is stored) and
 * {@value #UNIT_ID_HEADER} (the unit id; re-sending the same bytes under it returns the same
 * unit). Errors are JSON {@code {"error": ...}}: 400 malformed header, 408 body stalled, 409 id
 * taken by other bytes, 413 larger than the host's limit, 422 length or checksum mismatch. After
 * refusing an unfinished body the endpoint reads and drops what the client still sends for a
 * short while (so the client gets to read the answer), then closes the connection.
 *
 * <p>Mount it on the node's router: {@code adapter.peerEndpoint().mount(router)}, with no body
 * handler and no asynchronous handler before it on the upload path (the body must still be
 * unread when the route runs).
 */
public final class LocalFsPeerEndpoint {
  /** Path prefix shared by this endpoint and {@link PeerTransferClient}. */
  public static final String UNITS_PATH = "/data/v1/units/";
  /** Where uploads are posted; shared with {@link PeerUploadClient}. */
  public static final String UPLOAD_PATH = "/data/v1/units";
  public static final String CHECKSUM_HEADER = "X-Nearflow-Checksum";
  public static final String UNIT_ID_HEADER = "X-Nearflow-Unit-Id";

  private static final System.Logger LOG = System.getLogger(LocalFsPeerEndpoint.class.getName());
  /** How long a refused upload may keep sending before the connection is closed on it. */
  private static final long LINGER_MS = 2_000;

  private final StoreDirectory store;
  private final WorkerExecutor disk;
  private final LocalFsAdapter adapter;

  LocalFsPeerEndpoint(StoreDirectory store, WorkerExecutor disk, LocalFsAdapter adapter) {
    this.store = store;
    this.disk = disk;
    this.adapter = adapter;
  }

  /** Adds the routes to {@code router} and returns the router. */
  public Router mount(Router router) {
    router.get(UNITS_PATH + ":locator").handler(this::serve);
    router.post(UPLOAD_PATH).handler(this::upload);
    return router;
  }

  /** The URL a peer's unit is fetched from. Locators are whitelisted, so no escaping is needed. */
  static String urlOf(URI peerBase, String locator) {
    return withoutTrailingSlash(peerBase) + UNITS_PATH + locator;
  }

  static String uploadUrlOf(URI peerBase) {
    return withoutTrailingSlash(peerBase) + UPLOAD_PATH;
  }

  private static String withoutTrailingSlash(URI peerBase) {
    String base = peerBase.toString();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  private void upload(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    request.pause(); // the body waits until ingest has a file to write it to
    Optional<String> unitId = Optional.ofNullable(request.getHeader(UNIT_ID_HEADER));
    OptionalLong length;
    try {
      length = contentLength(request);
    } catch (IngestRejectedException e) {
      refuse(ctx, e, unitId);
      return;
    }
    adapter.ingest(request, length, Optional.ofNullable(request.getHeader(CHECKSUM_HEADER)), unitId)
        .onComplete(ar -> {
          if (ar.failed()) {
            refuse(ctx, ar.cause(), unitId);
            return;
          }
          DataUnit unit = ar.result();
          ctx.response().setStatusCode(201)
              .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
              .putHeader(HttpHeaders.LOCATION, UNITS_PATH + unit.locator())
              .end(unit.toJson().encode());
        });
  }

  private static OptionalLong contentLength(HttpServerRequest request) {
    String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (header == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(header.trim()));
    } catch (NumberFormatException e) {
      throw new IngestRejectedException(IngestRejectedException.Reason.INVALID_REQUEST,
          "Content-Length must be a number of bytes, was '" + header + "'");
    }
  }

  private void refuse(RoutingContext ctx, Throwable cause, Optional<String> unitId) {
    HttpServerResponse response = ctx.response();
    if (response.closed() || response.ended()) {
      // The sender went away mid-upload; ingest has already removed its bytes. Its problem, not ours.
      LOG.log(Level.INFO, "an upload was abandoned by its sender: {0}", cause.toString());
      return;
    }
    int status;
    if (cause instanceof IngestRejectedException rejected) {
      status = rejected.reason().httpStatus();
    } else if (cause instanceof DataUnitConflictException) {
      status = 409;
    } else {
      status = 500;
      LOG.log(Level.WARNING, "storing an upload failed", cause);
    }
    JsonObject body = new JsonObject().put("error", status == 500 ? "could not store the upload: " + cause.getMessage()
        : cause.getMessage());
    unitId.ifPresent(id -> body.put("unitId", id));
    response.setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body.encode());
    dropRestOfBody(ctx);
  }

  /**
   * Closing at once would lose the answer: the client is still sending, and a close with unread
   * data makes the kernel reset the connection, which may discard the response before the client
   * reads it. So the rest is read and dropped for a moment, then the connection closed.
   */
  private static void dropRestOfBody(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (request.isEnded()) {
      return;
    }
    if (request.version() == HttpVersion.HTTP_2) {
      ctx.response().reset(0); // NO_ERROR: "stop sending, the answer is complete" (RFC 9113, 8.1)
      return;
    }
    long closer = ctx.vertx().setTimer(LINGER_MS, t -> request.connection().close());
    request.handler(dropped -> { });
    request.exceptionHandler(gone -> ctx.vertx().cancelTimer(closer));
    request.endHandler(v -> ctx.vertx().cancelTimer(closer));
    request.resume();
  }

  private void serve(RoutingContext ctx) {
    String locator = ctx.pathParam("locator");
    // Open while checking, on the worker: the channel then pins the checked file even if the
    // name is swapped for a link afterwards.
    disk.executeBlocking(() -> openChecked(locator), false).onComplete(ar -> {
      if (ar.failed()) {
        fail(ctx, locator, ar.cause());
      } else if (ar.result().isEmpty()) {
        error(ctx.response(), 404, "no unit stored under this locator on this host", locator);
      } else {
        send(ctx, locator, ar.result().get());
      }
    });
  }

  private Optional<FileChannel> openChecked(String locator) throws Exception {
    Optional<java.nio.file.Path> file = store.find(locator);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(FileChannel.open(file.get(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
  }

  private void send(RoutingContext ctx, String locator, FileChannel channel) {
    HttpServerResponse response = ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream");
    response.sendFile(channel).onComplete(ar -> {
      closeQuietly(channel);
      if (ar.failed()) {
        LOG.log(Level.WARNING, "sending unit " + locator + " to a peer failed", ar.cause());
        if (!response.headWritten()) {
          error(response, 500, "could not read the stored unit: " + ar.cause().getMessage(), locator);
        } else {
          // Headers promised a length we cannot deliver: close so the peer sees a broken transfer.
          ctx.request().connection().close();
        }
      }
    });
  }

  private void fail(RoutingContext ctx, String locator, Throwable cause) {
    if (cause instanceof LocatorRefusedException refused) {
      int status = refused.reason() == LocatorRefusedException.Reason.MALFORMED ? 400 : 403;
      error(ctx.response(), status, refused.getMessage(), locator);
    } else {
      LOG.log(Level.WARNING, "serving unit " + locator + " failed", cause);
      error(ctx.response(), 500, "could not read the stored unit: " + cause.getMessage(), locator);
    }
  }

  private static void error(HttpServerResponse response, int status, String message, String locator) {
    response.setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(new JsonObject().put("error", message).put("locator", locator).encode());
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (java.io.IOException ignored) {
      // Nothing to do: the response is already finished.
    }
  }
}
