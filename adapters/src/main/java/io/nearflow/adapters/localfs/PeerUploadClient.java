package io.nearflow.adapters.localfs;

import io.nearflow.adapters.DataTransferException;
import io.nearflow.adapters.DataTransferException.Reason;
import io.nearflow.data.DataUnit;
import io.nearflow.data.DataUnitConflictException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Forwards data entering from outside to the local-fs adapter of the host it should live on
 * ({@code POST} to its {@link LocalFsPeerEndpoint#UPLOAD_PATH}), streaming the bytes. Used by the
 * API node when the target host is another one; on the target host itself, call
 * {@link LocalFsAdapter#ingest} instead.
 *
 * <p>Failures: {@link IngestRejectedException} when the target refused the data (400, 408, 413,
 * 422), {@link DataUnitConflictException} when the given unit id is taken by other bytes (409),
 * {@link DataTransferException} for everything on the way (unreachable, timeout, broken off, any
 * other status). Passing a unit id makes a retry after a timeout safe: the second upload of the
 * same bytes returns the same unit.
 */
public final class PeerUploadClient {
  private final Vertx vertx;
  private final PeerHttpOptions options;
  private final HttpClientAgent client;

  private PeerUploadClient(Vertx vertx, PeerHttpOptions options) {
    this.vertx = vertx;
    this.options = options;
    this.client = PeerHttp.createClient(vertx, options);
  }

  public static PeerUploadClient create(Vertx vertx, PeerHttpOptions options) {
    return new PeerUploadClient(vertx, options);
  }

  /** Uploads a file (its length is announced, so an oversize file is refused before it is sent). */
  public Future<DataUnit> upload(URI peerBase, Path file, Optional<String> expectedChecksum, Optional<String> unitId) {
    return vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true).setWrite(false))
        .compose(opened -> vertx.fileSystem().props(file.toString())
            .compose(props -> upload(peerBase, opened, OptionalLong.of(props.size()), expectedChecksum, unitId))
            .eventually(() -> opened.close().otherwiseEmpty()));
  }

  /**
   * Uploads a stream; with {@code lengthBytes} empty it is sent chunked.
   *
   * @param expectedChecksum {@code sha256:<hex>} of the bytes; the target verifies it before
   *     storing anything
   * @param unitId the id the new unit must get (see {@link io.nearflow.data.DataUnitIds}); a fresh
   *     one is made when empty
   */
  public Future<DataUnit> upload(URI peerBase, ReadStream<Buffer> body, OptionalLong lengthBytes,
      Optional<String> expectedChecksum, Optional<String> unitId) {
    String url = LocalFsPeerEndpoint.uploadUrlOf(peerBase);
    long timeoutMs = options.transferTimeout().toMillis();
    PeerHttp.Deadline deadline = new PeerHttp.Deadline(vertx, timeoutMs);
    AtomicBoolean connected = new AtomicBoolean();
    RequestOptions post = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setAbsoluteURI(url)
        .setConnectTimeout(Math.min(options.connectTimeout().toMillis(), timeoutMs))
        .setIdleTimeout(options.idleTimeout().toMillis())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream");
    lengthBytes.ifPresent(n -> post.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(n)));
    expectedChecksum.ifPresent(c -> post.putHeader(LocalFsPeerEndpoint.CHECKSUM_HEADER, c));
    unitId.ifPresent(id -> post.putHeader(LocalFsPeerEndpoint.UNIT_ID_HEADER, id));
    body.pause(); // nothing may flow before the request can take it

    return client.request(post)
        .compose(req -> {
          connected.set(true);
          // Failures reach the caller through the response and pipe futures; without a handler
          // Vert.x would also log every deliberate reset as an unhandled error.
          req.exceptionHandler(alsoReportedByTheFutures -> { });
          deadline.attach(req).setChunked(lengthBytes.isEmpty());
          // Not req.send(body): that ends the request normally when the body fails, and a cut-short
          // chunked upload would arrive as a complete, smaller file. A reset makes the target drop it.
          Future<Void> sent = body.pipe().endOnFailure(false).to(req).onFailure(error -> req.reset(0, error));
          return req.response().compose(response -> answer(req, sent, response, url, unitId));
        })
        .transform(ar -> {
          deadline.cancel();
          if (ar.succeeded() && !deadline.expired()) {
            return Future.succeededFuture(ar.result());
          }
          Throwable cause = ar.cause();
          if (!deadline.expired()
              && (cause instanceof IngestRejectedException || cause instanceof DataUnitConflictException)) {
            return Future.failedFuture(cause);
          }
          return Future.failedFuture(PeerHttp.classify(cause, deadline, connected.get(), "uploading", url));
        });
  }

  public Future<Void> close() {
    return client.close();
  }

  private static Future<DataUnit> answer(HttpClientRequest req, Future<Void> sent, HttpClientResponse response,
      String url, Optional<String> unitId) {
    return response.body().compose(body -> {
      int status = response.statusCode();
      if (status == 201 || status == 200) {
        return Future.succeededFuture(DataUnit.fromJson(new JsonObject(body)));
      }
      if (!sent.isComplete()) {
        req.reset(); // the target refused before reading everything: stop sending the rest
      }
      String message = errorMessage(body);
      for (IngestRejectedException.Reason reason : IngestRejectedException.Reason.values()) {
        if (reason.httpStatus() == status) {
          return Future.failedFuture(new IngestRejectedException(reason, "the target refused the upload: " + message));
        }
      }
      if (status == 409) {
        return Future.failedFuture(new DataUnitConflictException(unitId.orElse("?"), message));
      }
      return Future.failedFuture(new DataTransferException(Reason.REFUSED,
          "peer answered HTTP " + status + " to an upload to " + url + ": " + message));
    });
  }

  private static String errorMessage(Buffer body) {
    try {
      String error = new JsonObject(body).getString("error");
      return error == null ? body.toString() : error;
    } catch (RuntimeException notJson) {
      return body.toString();
    }
  }
}
