package io.nearflow.api.grpc;

import io.nearflow.api.core.ApiFailure;
import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;

/**
 * API failures as gRPC statuses, with the same message the HTTP API gives. The mapping follows
 * the gRPC status code guide: a bad request is INVALID_ARGUMENT, a wrong state FAILED_PRECONDITION,
 * a missing component or host UNAVAILABLE (worth retrying), a slow one DEADLINE_EXCEEDED.
 */
final class GrpcFailures {
  private GrpcFailures() {}

  static StatusException of(Throwable err) {
    if (err instanceof StatusException already) {
      return already;
    }
    ApiFailure f = ApiFailure.of(err, "the API node");
    return new StatusException(status(f.status()), f.getMessage());
  }

  static <T> Future<T> failed(Throwable err) {
    return Future.failedFuture(of(err));
  }

  static StatusException invalid(String message) {
    return new StatusException(GrpcStatus.INVALID_ARGUMENT, message);
  }

  static GrpcStatus status(int httpStatus) {
    return switch (httpStatus) {
      case 400, 422 -> GrpcStatus.INVALID_ARGUMENT;
      case 404 -> GrpcStatus.NOT_FOUND;
      case 409 -> GrpcStatus.FAILED_PRECONDITION;
      case 413 -> GrpcStatus.RESOURCE_EXHAUSTED;
      case 408, 504 -> GrpcStatus.DEADLINE_EXCEEDED;
      case 502, 503 -> GrpcStatus.UNAVAILABLE;
      default -> GrpcStatus.INTERNAL;
    };
  }
}
