package io.nearflow.adapters.localfs;

import io.nearflow.adapters.DataTransferException;
import io.nearflow.adapters.DataTransferException.Reason;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.PoolOptions;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one place HTTP clients to peer adapters are made and their failures named, shared by pulls
 * ({@link PeerTransferClient}) and uploads ({@link PeerUploadClient}) so both have the same pool,
 * timeouts and error vocabulary.
 */
final class PeerHttp {
  private PeerHttp() {}

  static HttpClientAgent createClient(Vertx vertx, PeerHttpOptions options) {
    HttpClientOptions http = new HttpClientOptions()
        .setKeepAlive(options.keepAlive())
        .setConnectTimeout((int) options.connectTimeout().toMillis());
    return vertx.createHttpClient(http, new PoolOptions().setHttp1MaxSize(options.maxConnectionsPerPeer()));
  }

  /**
   * A whole-transfer timeout: when it fires, the request in flight (if any yet) is reset, which
   * fails whatever is waiting on it. Per-request idle and connect timeouts cannot bound a slow
   * but steady transfer; this does.
   */
  static final class Deadline {
    private final Vertx vertx;
    private final long timeoutMs;
    private final long timer;
    private final AtomicReference<HttpClientRequest> request = new AtomicReference<>();
    private volatile boolean expired;

    Deadline(Vertx vertx, long timeoutMs) {
      this.vertx = vertx;
      this.timeoutMs = timeoutMs;
      this.timer = vertx.setTimer(timeoutMs, t -> {
        expired = true;
        HttpClientRequest inFlight = request.get();
        if (inFlight != null) {
          inFlight.reset(0, new TimeoutException("transfer timeout"));
        }
      });
    }

    /** Binds the request; resets it at once if the deadline passed while connecting. */
    HttpClientRequest attach(HttpClientRequest req) {
      request.set(req);
      if (expired) {
        req.reset();
      }
      return req;
    }

    boolean expired() {
      return expired;
    }

    long timeoutMs() {
      return timeoutMs;
    }

    void cancel() {
      vertx.cancelTimer(timer);
    }
  }

  /**
   * Names a failed transfer. {@code action} says what was being done, e.g. "pulling unit u1 from
   * host b"; {@code connected} whether the peer had been reached (a break after that is an
   * interruption, not unreachability).
   */
  static DataTransferException classify(Throwable cause, Deadline deadline, boolean connected, String action, String url) {
    if (deadline.expired()) {
      return new DataTransferException(Reason.TIMEOUT,
          "timed out after " + deadline.timeoutMs() + " ms " + action + " (" + url + ")", cause);
    }
    if (cause instanceof DataTransferException known) {
      return known;
    }
    if (cause instanceof TimeoutException) {
      return new DataTransferException(Reason.TIMEOUT,
          "peer went silent (idle timeout) while " + action + " (" + url + ")", cause);
    }
    if (!connected || cause instanceof ConnectException) {
      return new DataTransferException(Reason.UNREACHABLE,
          "cannot reach peer at " + url + " for " + action + ": " + cause, cause);
    }
    return new DataTransferException(Reason.INTERRUPTED, action + " (" + url + ") broke off: " + cause, cause);
  }
}
