package io.nearflow.api.grpc;

import io.nearflow.api.core.ApiFailure;
import io.nearflow.api.core.ByteStream;
import io.nearflow.api.core.DataSubmission;
import io.nearflow.api.grpc.v1.Run;
import io.nearflow.api.grpc.v1.SubmitDataRequest;
import io.nearflow.api.grpc.v1.SubmitHeader;
import io.nearflow.api.grpc.v1.UploadTarget;
import io.vertx.core.AsyncResult;
import io.vertx.core.Completable;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One {@code SubmitData} call: reads the header, then either streams the chunk messages that
 * follow to the target host's adapter (flow control reaches back to the client through the
 * paused/resumed gRPC stream) or, for a unit id, waits for the client's end of stream and starts
 * the run. Answers exactly once.
 */
final class SubmitDataCall {
  private final DataSubmission submissions;
  private final long maxUploadBytes;
  private final ReadStream<SubmitDataRequest> stream;
  private final Completable<Run> response;
  private boolean started;
  private boolean answered;

  SubmitDataCall(DataSubmission submissions, long maxUploadBytes, ReadStream<SubmitDataRequest> stream,
                 Completable<Run> response) {
    this.submissions = submissions;
    this.maxUploadBytes = maxUploadBytes;
    this.stream = stream;
    this.response = response;
  }

  void start() {
    stream.handler(this::header);
    stream.endHandler(v -> {
      if (!started) {
        fail(GrpcFailures.invalid("the stream ended before its first message, a SubmitHeader"));
      }
    });
    stream.exceptionHandler(this::fail); // the client cancelled or the connection broke
  }

  private void header(SubmitDataRequest first) {
    started = true;
    stream.pause(); // nothing more may arrive until the target is known
    if (!first.hasHeader()) {
      fail(GrpcFailures.invalid("the first message must be a SubmitHeader (workflow, then upload or unit_id)"));
      return;
    }
    SubmitHeader h = first.getHeader();
    if (h.getWorkflow().isBlank() || h.getWorkflowVersion() < 0) {
      fail(GrpcFailures.invalid("the header must name a workflow (and a version >= 0; 0 = the latest)"));
      return;
    }
    switch (h.getSourceCase()) {
      case UPLOAD -> upload(h, h.getUpload());
      case UNIT_ID -> existing(h);
      default -> fail(GrpcFailures.invalid("the header must say where the data is: 'upload' (zone and/or host, "
          + "with chunk messages following) or 'unit_id' (a unit an adapter already holds)"));
    }
  }

  private void upload(SubmitHeader h, UploadTarget t) {
    submissions.prepare(h.getWorkflow(), h.getWorkflowVersion(), text(t.getZone()), text(t.getHost()))
        .compose(p -> submissions.upload(p, ByteStream.of(stream, SubmitDataCall::chunk, maxUploadBytes),
            OptionalLong.empty(), text(t.getChecksum()), text(t.getUnitId())))
        .onComplete(this::answer);
  }

  private static Buffer chunk(SubmitDataRequest m) {
    if (!m.hasChunk()) {
      throw ApiFailure.badRequest("only chunk messages may follow the header");
    }
    return Buffer.buffer(m.getChunk().toByteArray());
  }

  private void existing(SubmitHeader h) {
    if (h.getUnitId().isBlank()) {
      fail(GrpcFailures.invalid("unit_id is empty: name a data unit an adapter holds"));
      return;
    }
    stream.handler(m -> fail(GrpcFailures.invalid("a header with a unit_id takes no chunks: the data is already held")));
    stream.endHandler(v -> submissions.existing(h.getWorkflow(), h.getWorkflowVersion(), h.getUnitId().trim())
        .onComplete(this::answer));
    stream.resume();
  }

  private void answer(AsyncResult<JsonObject> ar) {
    if (ar.succeeded()) {
      if (!answered) {
        answered = true;
        response.succeed(ProtoMessages.run(ar.result()));
      }
    } else {
      fail(ar.cause());
    }
  }

  private void fail(Throwable err) {
    if (!answered) {
      answered = true;
      response.fail(GrpcFailures.of(err));
    }
  }

  private static Optional<String> text(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
  }
}
