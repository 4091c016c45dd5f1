package io.nearflow.api;

import io.nearflow.node.NearflowNode;
import io.nearflow.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A test's gRPC client of one node: any call shape (unary, client or server streaming) as "send
 * these messages, collect every answer, then the status and its message", so tests can assert on
 * the status message a user would read.
 */
final class GrpcCalls {
  record Outcome<T>(List<T> messages, GrpcStatus status, String message) {
    T single() {
      if (status != GrpcStatus.OK || messages.size() != 1) {
        throw new AssertionError("expected one message with OK, got " + status + " '" + message + "' " + messages);
      }
      return messages.get(0);
    }
  }

  private final GrpcClient client;
  private final SocketAddress at;

  GrpcCalls(Vertx vertx, NearflowNode node) {
    this.client = GrpcClient.client(vertx);
    this.at = SocketAddress.inetSocketAddress(node.grpcPort(), "127.0.0.1");
  }

  <Req, Resp> Outcome<Resp> call(ServiceMethod<Resp, Req> method, List<Req> requests, Duration timeout) {
    return Await.result(start(method, requests), timeout);
  }

  /** The call under way; completes when the server has ended it. */
  <Req, Resp> Future<Outcome<Resp>> start(ServiceMethod<Resp, Req> method, List<Req> requests) {
    return client.request(at, method).compose(req -> {
      requests.forEach(req::write);
      req.end();
      return req.response();
    }).compose(resp -> {
      Promise<Outcome<Resp>> done = Promise.promise();
      List<Resp> got = new ArrayList<>();
      resp.handler(got::add);
      resp.exceptionHandler(done::tryFail);
      resp.endHandler(v -> done.tryComplete(new Outcome<>(got, resp.status(), resp.statusMessage())));
      return done.future();
    });
  }

  <Req, Resp> Outcome<Resp> call(ServiceMethod<Resp, Req> method, Req request) {
    return call(method, List.of(request), Duration.ofSeconds(30));
  }
}
