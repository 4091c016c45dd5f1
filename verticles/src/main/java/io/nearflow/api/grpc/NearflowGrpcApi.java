package io.nearflow.api.grpc;

import io.nearflow.api.ApiOptions;
import io.nearflow.api.core.ComponentCalls;
import io.nearflow.api.core.DataSubmission;
import io.nearflow.api.grpc.v1.GetRunRequest;
import io.nearflow.api.grpc.v1.NearflowGrpcService;
import io.nearflow.api.grpc.v1.RegisterWorkflowRequest;
import io.nearflow.api.grpc.v1.Run;
import io.nearflow.api.grpc.v1.RunEvent;
import io.nearflow.api.grpc.v1.SubmitDataRequest;
import io.nearflow.api.grpc.v1.WatchRunRequest;
import io.nearflow.api.grpc.v1.Workflow;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.time.Clock;

/**
 * {@code nearflow.v1.Nearflow} (src/main/proto/nearflow_api.proto): the core of the HTTP API for
 * programs. Every call goes through the same {@link ComponentCalls} and {@link DataSubmission}
 * as HTTP, so both answer alike; failures become gRPC statuses ({@link GrpcFailures}).
 *
 * <ul>
 *   <li>{@code RegisterWorkflow}: like {@code POST /api/v1/workflows}.
 *   <li>{@code SubmitData}: client streaming, a header then chunks ({@link SubmitDataCall}).
 *   <li>{@code GetRun}: like {@code GET /api/v1/runs/{id}}.
 *   <li>{@code WatchRun}: server streaming, the run's state then its events until it ends
 *       ({@link WatchRunCall}).
 * </ul>
 */
public final class NearflowGrpcApi extends NearflowGrpcService {
  private final Vertx vertx;
  private final ComponentCalls calls;
  private final DataSubmission submissions;
  private final ApiOptions options;
  private final Clock clock;

  public NearflowGrpcApi(Vertx vertx, ComponentCalls calls, DataSubmission submissions, ApiOptions options,
                         Clock clock) {
    this.vertx = vertx;
    this.calls = calls;
    this.submissions = submissions;
    this.options = options;
    this.clock = clock;
  }

  @Override
  public Future<Workflow> registerWorkflow(RegisterWorkflowRequest request) {
    if (request.getContent().isBlank()) {
      return Future.failedFuture(GrpcFailures.invalid("content is empty: send the workflow file's text (YAML or JSON)"));
    }
    String source = request.getSource().isBlank() ? "the request" : request.getSource();
    return calls.registerWorkflow(request.getContent(), source).map(ProtoMessages::workflow)
        .recover(GrpcFailures::failed);
  }

  @Override
  public Future<Run> getRun(GetRunRequest request) {
    if (request.getRunId().isBlank()) {
      return Future.failedFuture(GrpcFailures.invalid("run_id is empty"));
    }
    return calls.run(request.getRunId()).map(ProtoMessages::run).recover(GrpcFailures::failed);
  }

  @Override
  protected void submitData(ReadStream<SubmitDataRequest> request, Completable<Run> response) {
    new SubmitDataCall(submissions, options.maxUploadBytes(), request, response).start();
  }

  @Override
  protected void watchRun(WatchRunRequest request, WriteStream<RunEvent> response) {
    WatchRunCall.start(vertx, calls, request.getRunId(), options.watchRecheck(), clock, response);
  }
}
