package io.nearflow.api.core;

import io.nearflow.adapters.DataTransferException;
import io.nearflow.adapters.localfs.IngestRejectedException;
import io.nearflow.data.DataContractException;
import io.nearflow.data.DataUnitConflictException;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A request failed in a way the client should hear about, in the vocabulary of HTTP status codes
 * (both transports start from it; gRPC maps it to a status). The message is meant for a person:
 * it says what was wrong and, where possible, what to do. Never a stack trace.
 */
public final class ApiFailure extends RuntimeException {
  private static final Logger LOG = Logger.getLogger(ApiFailure.class.getName());

  private final int status;

  public ApiFailure(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public static ApiFailure badRequest(String message) {
    return new ApiFailure(400, message);
  }

  public static ApiFailure notFound(String message) {
    return new ApiFailure(404, message);
  }

  /**
   * Names any failure. {@code component} says who was asked ("the orchestrator"), for the
   * messages of failures that carry none of their own (no handler, timeout).
   */
  public static ApiFailure of(Throwable err, String component) {
    if (err instanceof ApiFailure f) {
      return f;
    }
    if (err instanceof ReplyException re) {
      return fromReply(re, component);
    }
    if (err instanceof IngestRejectedException rejected) {
      return new ApiFailure(rejected.reason().httpStatus(), rejected.getMessage());
    }
    if (err instanceof DataUnitConflictException conflict) {
      return new ApiFailure(409, conflict.getMessage() + "; upload under another unit id, or without one");
    }
    if (err instanceof DataTransferException dt) {
      return switch (dt.reason()) {
        case TIMEOUT -> new ApiFailure(504, dt.getMessage());
        case UNREACHABLE, NO_SOURCE -> new ApiFailure(503, dt.getMessage() + "; try another host or zone");
        default -> new ApiFailure(502, dt.getMessage());
      };
    }
    if (err instanceof DataContractException) {
      return badRequest(err.getMessage());
    }
    // Unexpected: the client gets one line, the log gets the stack.
    LOG.log(Level.WARNING, "API request failed unexpectedly (" + component + ")", err);
    return new ApiFailure(500, "internal error while asking " + component + ": " + err.getMessage());
  }

  private static ApiFailure fromReply(ReplyException re, String component) {
    if (re.failureType() == ReplyFailure.NO_HANDLERS) {
      return new ApiFailure(503, component + " is not running anywhere in the cluster (no node has its role); "
          + "start a node with that role and try again");
    }
    if (re.failureType() == ReplyFailure.TIMEOUT) {
      return new ApiFailure(504, component + " did not answer in time; the cluster may be overloaded, try again");
    }
    int code = re.failureCode();
    if (code == 400 || code == 404 || code == 409 || code == 413 || code == 422) {
      return new ApiFailure(code, re.getMessage());
    }
    return new ApiFailure(500, component + " failed: " + re.getMessage());
  }
}
