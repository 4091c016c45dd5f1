package io.nearflow.protocol;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * Requests that may safely be sent again (look-ups, idempotent registrations) to an address
 * served by several nodes. Right after a node dies, the event bus may still pick its stale
 * subscription and the message is lost; a shorter per-attempt timeout and another attempt (the
 * event bus picks consumers round-robin) reach a live node instead of waiting out the whole
 * deadline. Only timeouts and missing handlers are retried; a reply with an error is final.
 */
public final class IdempotentRequests {
  private IdempotentRequests() {}

  public static <T> Future<Message<T>> request(Vertx vertx, String address, Object body, long totalTimeoutMs, int attempts) {
    long perAttempt = Math.max(200, totalTimeoutMs / attempts);
    return attempt(vertx, address, body, perAttempt, attempts);
  }

  private static <T> Future<Message<T>> attempt(Vertx vertx, String address, Object body, long timeoutMs, int left) {
    return vertx.eventBus().<T>request(address, body, new DeliveryOptions().setSendTimeout(timeoutMs)).recover(err -> {
      boolean retryable = err instanceof ReplyException re
          && (re.failureType() == ReplyFailure.TIMEOUT || re.failureType() == ReplyFailure.NO_HANDLERS);
      if (!retryable || left <= 1) {
        return Future.failedFuture(err);
      }
      return attempt(vertx, address, body, timeoutMs, left - 1);
    });
  }
}
