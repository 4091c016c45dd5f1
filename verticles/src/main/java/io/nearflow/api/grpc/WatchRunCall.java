package io.nearflow.api.grpc;

import io.nearflow.api.core.ApiFailure;
import io.nearflow.api.core.ComponentCalls;
import io.nearflow.api.core.RunWatch;
import io.nearflow.api.grpc.v1.RunEvent;
import io.nearflow.protocol.Micros;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.server.GrpcServerResponse;
import java.time.Clock;
import java.time.Duration;

/**
 * One {@code WatchRun} stream: a {@link RunWatch} whose output goes to the gRPC response. The
 * stream ends with status OK when the run has ended, with an error status if the run is unknown
 * or the work tracker cannot be asked, and the watch stops as soon as the client goes away.
 * Events are few and small per run, so they are written without waiting for the client to drain.
 */
final class WatchRunCall implements RunWatch.Listener {
  private final WriteStream<RunEvent> response;
  private final Clock clock;
  private RunWatch watch;

  private WatchRunCall(WriteStream<RunEvent> response, Clock clock) {
    this.response = response;
    this.clock = clock;
  }

  static void start(Vertx vertx, ComponentCalls calls, String runId, Duration recheck, Clock clock,
                    WriteStream<RunEvent> response) {
    WatchRunCall call = new WatchRunCall(response, clock);
    if (runId.isBlank()) {
      call.failed(ApiFailure.badRequest("run_id is empty"));
      return;
    }
    response.exceptionHandler(gone -> call.stop());
    call.watch = RunWatch.start(vertx, calls, runId, recheck, call);
  }

  private void stop() {
    if (watch != null) {
      watch.close();
    }
  }

  @Override
  public void event(String type, JsonObject payload) {
    response.write(ProtoMessages.event(type, payload, Micros.now(clock))).onFailure(err -> stop());
  }

  @Override
  public void ended() {
    response.end();
  }

  @Override
  public void failed(ApiFailure failure) {
    if (response instanceof GrpcServerResponse<?, ?> grpc) {
      grpc.fail(GrpcFailures.of(failure));
    } else {
      response.end();
    }
  }
}
