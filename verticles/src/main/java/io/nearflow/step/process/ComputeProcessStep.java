package io.nearflow.step.process;

import io.nearflow.step.Step;
import io.nearflow.step.StepFailedException;
import io.nearflow.step.StepInvocation;
import io.nearflow.step.StepResult;
import io.nearflow.step.StepSpec;
import io.nearflow.step.StepUnavailableException;
import io.nearflow.step.process.grpc.v1.RunRequest;
import io.nearflow.step.process.grpc.v1.RunResponse;
import io.nearflow.step.support.OutputFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * A step instance served by a supervised external process. A hop goes to the process that is
 * ready now; while it is down or restarting the hop fails at once with {@link
 * StepUnavailableException} (queueing here would hide a sick instance from the breakers).
 * An error the process reports in {@code RunResponse.error} is the step's own failure.
 */
public final class ComputeProcessStep implements Step {
  private final Vertx vertx;
  private final String type;
  private final ComputeRpc rpc;
  private final ComputeSupervisor supervisor;

  private ComputeProcessStep(Vertx vertx, StepSpec spec, ComputeProcessOptions options) {
    this.vertx = vertx;
    this.type = spec.type();
    this.rpc = new ComputeRpc(vertx, spec.type());
    this.supervisor = new ComputeSupervisor(vertx, spec, options, rpc);
  }

  /** Starts the process; completes once it answered Describe for {@code spec.type()}. */
  public static Future<Step> start(Vertx vertx, StepSpec spec, ComputeProcessOptions options) {
    ComputeProcessStep step = new ComputeProcessStep(vertx, spec, options);
    return step.supervisor.start()
        .<Step>map(v -> step)
        .recover(e -> step.rpc.close().transform(x -> Future.failedFuture(e)));
  }

  @Override
  public Future<StepResult> run(StepInvocation inv) {
    SocketAddress address = supervisor.address();
    if (address == null) {
      return Future.failedFuture(new StepUnavailableException(supervisor.downReason()));
    }
    RunRequest request = RunRequest.newBuilder()
        .setHopId(inv.hopId())
        .setStepType(inv.stepType())
        .setInputPath(inv.input().toAbsolutePath().toString())
        .setOutputDir(inv.outputDir().toAbsolutePath().toString())
        .putAllParams(inv.params())
        .build();
    long start = System.nanoTime();
    return rpc.run(address, request, inv.timeout(), inv.cancelled()).compose(resp -> {
      long callNanos = System.nanoTime() - start;
      return result(inv, resp, resp.getComputeNanos() > 0 ? resp.getComputeNanos() : callNanos);
    });
  }

  private Future<StepResult> result(StepInvocation inv, RunResponse resp, long computeNanos) {
    if (!resp.getError().isEmpty()) {
      return Future.failedFuture(new StepFailedException("step '" + type + "' failed: " + resp.getError()));
    }
    List<Path> outputs = resp.getOutputPathsList().stream().map(Path::of).toList();
    // Checking files is blocking I/O; never on the event loop.
    return vertx.executeBlocking(() -> new StepResult(OutputFiles.check(inv.outputDir(), outputs, type), computeNanos),
        false);
  }

  @Override
  public Future<Void> close() {
    return supervisor.close().eventually(rpc::close);
  }
}
