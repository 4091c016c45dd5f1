package io.nearflow.step.process;

import io.nearflow.step.StepSpec;
import io.nearflow.step.StepUnavailableException;
import io.nearflow.step.process.grpc.v1.DescribeResponse;
import io.nearflow.step.support.ProcessTree;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import java.util.logging.Logger;

/**
 * Keeps one compute process alive: start it, wait until Describe answers (with a deadline),
 * notice when it dies, restart it with exponential backoff, stop it on close. All state changes
 * run on one Vert.x context; {@link #address()} and {@link #downReason()} are safe from any thread.
 *
 * <p>The first start is strict: if it fails (exits, no answer in time, wrong step type or
 * protocol version) the future of {@link #start()} fails and nothing keeps running, since a
 * broken declaration is better reported at agent start than retried forever. Later failures are
 * retried: the process may be killed by the OOM killer or crash on one input.
 */
final class ComputeSupervisor {
  static final int PROTOCOL_VERSION = 1;
  private static final Logger LOG = Logger.getLogger(ComputeSupervisor.class.getName());

  private final Vertx vertx;
  private final Context context;
  private final StepSpec spec;
  private final ComputeProcessOptions options;
  private final ComputeLauncher launcher;
  private final ComputeRpc rpc;
  private final Promise<Void> firstReady = Promise.promise();
  private final Promise<Void> stopped = Promise.promise();

  // Only touched on `context`.
  private boolean closing;
  private int generation;
  private int failures;
  private long readySinceNanos;
  private long restartTimer = -1;
  private String killedBecause;
  // Read by hops on any thread.
  private volatile ComputeProcess current;
  private volatile SocketAddress readyAddress;
  private volatile String downReason;

  ComputeSupervisor(Vertx vertx, StepSpec spec, ComputeProcessOptions options, ComputeRpc rpc) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.spec = spec;
    this.options = options;
    this.launcher = new ComputeLauncher(spec);
    this.rpc = rpc;
    this.downReason = "step process " + spec.type() + " is starting";
  }

  /** Starts the process; completes when it first answers Describe. */
  Future<Void> start() {
    context.runOnContext(v -> launch());
    return firstReady.future();
  }

  /** Where the ready process serves, or null while it is down (see {@link #downReason()}). */
  SocketAddress address() {
    return readyAddress;
  }

  String downReason() {
    return downReason;
  }

  private void launch() {
    if (closing) {
      return;
    }
    restartTimer = -1;
    killedBecause = null;
    int gen = ++generation;
    vertx.executeBlocking(launcher::launch, false).onComplete(ar -> {
      if (ar.failed()) {
        down("could not start " + spec.command() + ": " + ar.cause().getMessage(), "");
        return;
      }
      ComputeProcess p = ar.result();
      if (closing || gen != generation) {
        ProcessTree.stop(vertx, p.process().toHandle(), options.stopGrace());
        return;
      }
      current = p;
      // Wait (briefly) for the output pump to reach the end of the stream: a process that dies
      // at once must have its last words in the message, not lose them to a race with the exit.
      p.process().onExit()
          .thenCompose(x -> p.output().drained().completeOnTimeout(null, 1, java.util.concurrent.TimeUnit.SECONDS))
          .whenComplete((x, e) -> context.runOnContext(v -> {
        if (gen == generation) {
          String why = "[" + p.pid() + "] " + (killedBecause != null ? killedBecause + "; killed it"
              : "exited with code " + p.process().exitValue());
          down(why, p.lastOutput());
        }
      }));
      probe(gen, p, System.nanoTime() + options.startTimeout().toNanos());
    });
  }

  private void probe(int gen, ComputeProcess p, long deadlineNanos) {
    rpc.describe(p.address(), options.probeTimeout()).onComplete(ar -> {
      if (closing || gen != generation || readyAddress != null) {
        return;
      }
      if (ar.succeeded()) {
        String mismatch = mismatch(ar.result());
        if (mismatch == null) {
          ready(p);
        } else {
          giveUp(p, mismatch);
        }
      } else if (System.nanoTime() > deadlineNanos) {
        giveUp(p, "did not answer Describe within " + options.startTimeout().toMillis() + " ms ("
            + ar.cause().getMessage() + ")");
      } else {
        vertx.setTimer(Math.max(1, options.probeInterval().toMillis()), id -> probe(gen, p, deadlineNanos));
      }
    });
  }

  private String mismatch(DescribeResponse d) {
    if (d.getProtocolVersion() != PROTOCOL_VERSION) {
      return "speaks compute protocol version " + d.getProtocolVersion() + ", the agent speaks " + PROTOCOL_VERSION;
    }
    if (!d.getStepTypesList().contains(spec.type())) {
      return "serves step types " + d.getStepTypesList() + ", not '" + spec.type() + "'";
    }
    return null;
  }

  private void ready(ComputeProcess p) {
    readySinceNanos = System.nanoTime();
    readyAddress = p.address();
    LOG.info(() -> "step process " + spec.type() + " [" + p.pid() + "] ready on " + p.address());
    firstReady.tryComplete();
  }

  /** Kills a process that started wrongly; its exit then goes through {@link #down}. */
  private void giveUp(ComputeProcess p, String why) {
    killedBecause = why;
    if (!failFirstStart("step process " + spec.type() + " [" + p.pid() + "] " + why + p.lastOutput())) {
      ProcessTree.stop(vertx, p.process().toHandle(), options.stopGrace());
    }
  }

  /** The current process is gone ({@code why}, one line); restart it after a backoff. */
  private void down(String why, String output) {
    readyAddress = null;
    current = null;
    generation++; // stale probes and exit handlers of the dead process now ignore themselves
    if (closing) {
      return;
    }
    if (failFirstStart("step process " + spec.type() + " " + why + output)) {
      return;
    }
    boolean wasStable = readySinceNanos != 0 && System.nanoTime() - readySinceNanos >= options.stableAfter().toNanos();
    failures = wasStable ? 1 : failures + 1;
    readySinceNanos = 0;
    long delay = options.backoffMillis(failures - 1);
    downReason = "step process " + spec.type() + " " + why + "; restarting in " + delay + " ms";
    LOG.warning(() -> downReason + output);
    restartTimer = vertx.setTimer(delay, id -> launch());
  }

  /** Fails {@link #start()} if still pending and shuts down; true when that happened. */
  private boolean failFirstStart(String why) {
    if (firstReady.future().isComplete()) {
      return false;
    }
    firstReady.tryFail(new StepUnavailableException(why));
    shutdown();
    return true;
  }

  /** SIGTERM, then SIGKILL after the grace period; no restart afterwards. Idempotent. */
  Future<Void> close() {
    context.runOnContext(v -> shutdown());
    return stopped.future();
  }

  private void shutdown() {
    if (closing) {
      return;
    }
    closing = true;
    readyAddress = null;
    downReason = "step instance " + spec.type() + " is closed";
    firstReady.tryFail(new StepUnavailableException(downReason));
    if (restartTimer >= 0) {
      vertx.cancelTimer(restartTimer);
    }
    ComputeProcess p = current;
    Future<Void> stop = p == null ? Future.succeededFuture()
        : ProcessTree.stop(vertx, p.process().toHandle(), options.stopGrace());
    stop.onComplete(x -> stopped.complete());
  }
}
