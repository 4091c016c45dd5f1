package io.nearflow.step.process;

import io.nearflow.step.StepException;
import io.nearflow.step.StepFailedException;
import io.nearflow.step.StepTimeoutException;
import io.nearflow.step.StepUnavailableException;
import io.nearflow.step.process.grpc.v1.ComputeGrpcClient;
import io.nearflow.step.process.grpc.v1.DescribeRequest;
import io.nearflow.step.process.grpc.v1.DescribeResponse;
import io.nearflow.step.process.grpc.v1.RunRequest;
import io.nearflow.step.process.grpc.v1.RunResponse;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcErrorException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The two compute calls, each with a deadline, failing only with {@link StepException}s. The
 * generated methods of {@code ComputeGrpcClient} take no deadline, so calls go through
 * {@link GrpcClient#request} with its {@code ServiceMethod}s: the deadline is sent to the process
 * (grpc-timeout) and enforced here by cancelling the stream.
 *
 * <p>Mapping: our deadline or DEADLINE_EXCEEDED = timeout; UNAVAILABLE, RESOURCE_EXHAUSTED,
 * CANCELLED and transport errors (refused, reset, closed) = unavailable; any other status is the
 * step's own error (e.g. UNKNOWN for an uncaught exception in the process's handler).
 */
final class ComputeRpc {
  private final Vertx vertx;
  private final GrpcClient client;
  private final String stepType;

  ComputeRpc(Vertx vertx, String stepType) {
    this.vertx = vertx;
    this.client = GrpcClient.client(vertx);
    this.stepType = stepType;
  }

  Future<DescribeResponse> describe(SocketAddress address, Duration deadline) {
    return call(address, ComputeGrpcClient.Describe, DescribeRequest.getDefaultInstance(), deadline, "Describe");
  }

  /** @param cancelled completes when the hop is cancelled: the call is cancelled (the process sees its stream end) */
  Future<RunResponse> run(SocketAddress address, RunRequest request, Duration deadline, Future<Void> cancelled) {
    return call(address, ComputeGrpcClient.Run, request, deadline, "Run of hop " + request.getHopId(), cancelled);
  }

  private <Q, R> Future<R> call(SocketAddress address, ServiceMethod<R, Q> method, Q message, Duration deadline,
      String what) {
    return call(address, method, message, deadline, what, Promise.<Void>promise().future());
  }

  private <Q, R> Future<R> call(SocketAddress address, ServiceMethod<R, Q> method, Q message, Duration deadline,
      String what, Future<Void> cancelled) {
    long ms = Math.max(1, deadline.toMillis());
    Promise<R> result = Promise.promise();
    GrpcClientRequest<?, ?>[] sent = {null};
    cancelled.onSuccess(v -> {
      if (result.tryFail(new io.nearflow.step.StepCancelledException("step '" + stepType + "': " + what
          + " cancelled")) && sent[0] != null) {
        sent[0].cancel();
      }
    });
    long timer = vertx.setTimer(ms, id -> {
      if (result.tryFail(new StepTimeoutException("step '" + stepType + "': " + what + " did not answer within "
          + ms + " ms", deadline)) && sent[0] != null) {
        sent[0].cancel();
      }
    });
    client.request(address, method).compose(req -> {
      if (result.future().isComplete()) {
        req.cancel(); // the deadline passed while connecting
        return Future.failedFuture("deadline passed before sending");
      }
      sent[0] = req;
      req.timeout(ms, TimeUnit.MILLISECONDS);
      return req.send(message);
    }).compose(resp -> last(resp)).onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        result.tryComplete(ar.result());
      } else {
        result.tryFail(classify(ar.cause(), what, deadline));
      }
    });
    return result.future();
  }

  /** The single reply, or the call's status as a {@link GrpcErrorException}. */
  private static <R> Future<R> last(GrpcClientResponse<?, R> resp) {
    return resp.last().recover(e -> {
      GrpcStatus status = resp.status();
      if (status != null && status != GrpcStatus.OK) {
        return Future.failedFuture(new StatusError(status, resp.statusMessage()));
      }
      return Future.failedFuture(e);
    });
  }

  StepException classify(Throwable e, String what, Duration deadline) {
    if (e instanceof StepException se) {
      return se;
    }
    GrpcStatus status = e instanceof StatusError s ? s.status
        : e instanceof GrpcErrorException g ? g.status()
        : e instanceof InvalidStatusException i ? i.actualStatus()
        : null;
    String detail = e instanceof StatusError s && s.message != null ? s.message : String.valueOf(e.getMessage());
    String prefix = "step '" + stepType + "': " + what;
    if (status == null) {
      return new StepUnavailableException(prefix + " failed to reach the step process: " + detail, e);
    }
    switch (status) {
      case DEADLINE_EXCEEDED:
        return new StepTimeoutException(prefix + " exceeded its deadline (" + detail + ")", deadline);
      case UNAVAILABLE:
      case RESOURCE_EXHAUSTED:
      case CANCELLED:
        return new StepUnavailableException(prefix + " got " + status.name() + ": " + detail, e);
      default:
        return new StepFailedException(prefix + " got " + status.name() + ": " + detail, e);
    }
  }

  Future<Void> close() {
    return client.close();
  }

  /** A non-OK status with its message, kept together for {@link #classify}. */
  private static final class StatusError extends RuntimeException {
    final GrpcStatus status;
    final String message;

    StatusError(GrpcStatus status, String message) {
      super(status + (message == null ? "" : ": " + message), null, false, false);
      this.status = status;
      this.message = message;
    }
  }
}
