package io.nearflow.step.jvm;

import io.nearflow.step.JavaStep;
import io.nearflow.step.Step;
import io.nearflow.step.StepCancelledException;
import io.nearflow.step.StepException;
import io.nearflow.step.StepFailedException;
import io.nearflow.step.StepInvocation;
import io.nearflow.step.StepResult;
import io.nearflow.step.StepTimeoutException;
import io.nearflow.step.StepUnavailableException;
import io.nearflow.step.support.OutputFiles;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a {@link JavaStep} on a worker pool of its own, sized to the instance's slots: one slow
 * step type cannot starve the shared Vert.x worker pool, and a hop beyond the slots waits for a
 * thread. A timeout fails the hop at once and interrupts its thread; a step that ignores the
 * interrupt keeps its thread busy, which later hops then feel as lost capacity, as they should.
 */
public final class JavaStepRunner implements Step {
  private static final AtomicLong INSTANCES = new AtomicLong();
  // Step time is bounded by hop timeouts, not by Vert.x's blocked-thread warning.
  private static final long MAX_EXECUTE_HOURS = 24;

  private final Vertx vertx;
  private final JavaStep step;
  private final WorkerExecutor workers;
  private volatile boolean closed;

  public JavaStepRunner(Vertx vertx, JavaStep step, int slots) {
    this.vertx = vertx;
    this.step = step;
    String pool = "nearflow-step-" + step.type() + "-" + INSTANCES.incrementAndGet();
    this.workers = vertx.createSharedWorkerExecutor(pool, slots, MAX_EXECUTE_HOURS, TimeUnit.HOURS);
  }

  @Override
  public Future<StepResult> run(StepInvocation inv) {
    if (closed) {
      return Future.failedFuture(new StepUnavailableException("step '" + step.type() + "' instance is closed"));
    }
    Promise<StepResult> result = Promise.promise();
    WorkerThread worker = new WorkerThread();
    long timer = vertx.setTimer(Math.max(1, inv.timeout().toMillis()), id -> {
      if (result.tryFail(new StepTimeoutException("step '" + step.type() + "' did not finish hop "
          + inv.hopId() + " within " + inv.timeout().toMillis() + " ms", inv.timeout()))) {
        worker.interrupt();
      }
    });
    inv.cancelled().onSuccess(v -> {
      if (result.tryFail(new StepCancelledException("step '" + step.type() + "' stopped: hop " + inv.hopId()
          + " was cancelled"))) {
        vertx.cancelTimer(timer);
        worker.interrupt();
      }
    });
    workers.executeBlocking(() -> invoke(inv, worker), false).onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        result.tryComplete(ar.result());
      } else {
        result.tryFail(ar.cause() instanceof StepException se ? se : failed(ar.cause()));
      }
    });
    return result.future();
  }

  private StepResult invoke(StepInvocation inv, WorkerThread worker) throws Exception {
    worker.enter();
    try {
      long start = System.nanoTime();
      List<Path> outputs = step.run(inv.input(), inv.outputDir(), inv.params());
      long computeNanos = System.nanoTime() - start;
      return new StepResult(OutputFiles.check(inv.outputDir(), outputs == null ? List.of() : outputs, step.type()),
          computeNanos);
    } catch (StepException e) {
      throw e;
    } catch (Exception e) {
      throw failed(e);
    } finally {
      worker.exit();
    }
  }

  private StepFailedException failed(Throwable e) {
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new StepFailedException("step '" + step.type() + "' failed: " + why, e);
  }

  @Override
  public Future<Void> close() {
    closed = true;
    return workers.close();
  }
}
