package io.nearflow.adapters.localfs;

import io.nearflow.adapters.DataTransferException;
import io.nearflow.adapters.DataTransferException.Reason;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Streams a unit's bytes from a peer's {@link LocalFsPeerEndpoint} into a new file, with one
 * pooled HTTP client per adapter (keep-alive re-uses connections between hosts unless switched
 * off). Only transport is checked here (status, announced length, timeouts); content verification
 * is the caller's, on a worker thread. The target file is deleted when the download fails, before
 * the returned future completes, so a failure never leaves a partial file behind.
 */
final class PeerTransferClient {
  private final Vertx vertx;
  private final PeerHttpOptions options;
  private final HttpClientAgent client;

  PeerTransferClient(Vertx vertx, PeerHttpOptions options) {
    this.vertx = vertx;
    this.options = options;
    this.client = PeerHttp.createClient(vertx, options);
  }

  /**
   * Downloads {@code locator} from the peer at {@code peerBase} into {@code target} (must not
   * exist) and completes with the number of bytes written. {@code what} names the transfer in
   * error messages.
   */
  Future<Long> download(URI peerBase, String locator, long expectedBytes, Path target, String what) {
    String url = LocalFsPeerEndpoint.urlOf(peerBase, locator);
    long timeoutMs = options.transferTimeout().toMillis();
    PeerHttp.Deadline deadline = new PeerHttp.Deadline(vertx, timeoutMs);
    AtomicBoolean responding = new AtomicBoolean();
    RequestOptions get = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setAbsoluteURI(url)
        // Capped by the transfer timeout so a hanging connect cannot outlive it.
        .setConnectTimeout(Math.min(options.connectTimeout().toMillis(), timeoutMs))
        .setIdleTimeout(options.idleTimeout().toMillis());

    Future<AsyncFile> opened = vertx.fileSystem().open(target.toString(), new OpenOptions().setWrite(true).setCreateNew(true));
    Future<Long> transfer = opened.compose(file -> client.request(get)
        .compose(req -> deadline.attach(req).send())
        .compose(response -> {
          responding.set(true);
          return receive(response, file, expectedBytes, url);
        }));

    return transfer.transform(ar -> {
      deadline.cancel();
      Future<Void> closed = opened.succeeded() ? opened.result().close().otherwiseEmpty() : Future.succeededFuture();
      if (ar.succeeded() && !deadline.expired()) {
        return closed.map(ar.result());
      }
      if (opened.failed()) {
        return Future.failedFuture(opened.cause()); // a local disk problem, not the peer's
      }
      DataTransferException error = PeerHttp.classify(ar.cause(), deadline, responding.get(), "pulling " + what, url);
      return closed
          .compose(v -> vertx.fileSystem().delete(target.toString()))
          .transform(deleted -> Future.failedFuture(error));
    });
  }

  Future<Void> close() {
    return client.close();
  }

  private Future<Long> receive(HttpClientResponse response, AsyncFile file, long expectedBytes, String url) {
    if (response.statusCode() != 200) {
      return response.body().transform(body -> Future.failedFuture(new DataTransferException(Reason.REFUSED,
          "peer answered HTTP " + response.statusCode() + " for " + url + ": "
              + (body.succeeded() ? body.result().toString() : "(no body)"))));
    }
    String announced = response.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (announced != null && !announced.equals(Long.toString(expectedBytes))) {
      // Do not read a body we already know is wrong; resetting also drops the connection. The
      // handler keeps Vert.x from logging our own reset as an unhandled error.
      response.exceptionHandler(reportedBelow -> { });
      response.request().reset();
      return Future.failedFuture(new DataTransferException(Reason.CORRUPT,
          "peer announced " + announced + " bytes for " + url + ", the unit has " + expectedBytes));
    }
    // The pipe never closes the file: download() closes it exactly once, whatever happened
    // (closing twice throws), and reads the byte count before that.
    return response.pipe().endOnSuccess(false).endOnFailure(false).to(file).map(v -> file.getWritePos());
  }
}
