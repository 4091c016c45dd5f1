package io.nearflow.step.command;

import io.nearflow.step.Step;
import io.nearflow.step.StepCancelledException;
import io.nearflow.step.StepFailedException;
import io.nearflow.step.StepInvocation;
import io.nearflow.step.StepResult;
import io.nearflow.step.StepSpec;
import io.nearflow.step.StepTimeoutException;
import io.nearflow.step.StepUnavailableException;
import io.nearflow.step.support.OutputFiles;
import io.nearflow.step.support.OutputTail;
import io.nearflow.step.support.ProcessTree;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Runs the instance's command once per hop. Outputs are the regular files the command left in
 * the hop's output directory (recursively, sorted by relative path). Exit 0 = success; any other
 * exit fails the hop with the last lines of stderr. On timeout the whole process tree gets
 * SIGTERM, then SIGKILL after {@link #KILL_GRACE}, and only then does the hop fail: a retry must
 * never race a dying process writing into the same directory.
 *
 * <p>The process runs in {@code workDir} (default: the hop's output directory) with the agent's
 * environment, the spec's {@code env}, and NEARFLOW_HOP_ID, NEARFLOW_INPUT, NEARFLOW_OUTPUT_DIR.
 * stdin is empty; stdout is discarded.
 */
public final class CommandStep implements Step {
  static final Duration KILL_GRACE = Duration.ofSeconds(2);
  private static final int STDERR_LINES = 20;
  private static final Logger LOG = Logger.getLogger(CommandStep.class.getName());

  private final Vertx vertx;
  private final String type;
  private final CommandTemplate template;
  private final Map<String, String> env;
  private final Optional<Path> workDir;
  private final Set<Process> running = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public CommandStep(Vertx vertx, StepSpec spec) {
    this.vertx = vertx;
    this.type = spec.type();
    this.template = new CommandTemplate(spec.command());
    this.env = spec.env();
    this.workDir = spec.workDir();
  }

  @Override
  public Future<StepResult> run(StepInvocation inv) {
    if (closed) {
      return Future.failedFuture(new StepUnavailableException("step '" + type + "' instance is closed"));
    }
    List<String> argv;
    try {
      argv = template.expand(inv);
    } catch (StepFailedException e) {
      return Future.failedFuture(e);
    }
    // fork/exec blocks the calling thread for a moment: never on the event loop.
    return vertx.executeBlocking(() -> start(argv, inv), false).compose(started -> await(started, argv, inv));
  }

  private Started start(List<String> argv, StepInvocation inv) {
    ProcessBuilder pb = new ProcessBuilder(argv)
        .directory(workDir.orElse(inv.outputDir()).toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(env);
    pb.environment().put("NEARFLOW_HOP_ID", inv.hopId());
    pb.environment().put("NEARFLOW_INPUT", inv.input().toAbsolutePath().toString());
    pb.environment().put("NEARFLOW_OUTPUT_DIR", inv.outputDir().toAbsolutePath().toString());
    Process p;
    try {
      p = pb.start();
      p.getOutputStream().close();
    } catch (IOException e) {
      throw new StepFailedException("step '" + type + "': cannot start " + shortly(argv) + ": " + e.getMessage(), e);
    }
    running.add(p);
    OutputTail stderr = OutputTail.pump(p.getErrorStream(), STDERR_LINES, "nearflow-cmd-" + type + "-" + p.pid(),
        line -> LOG.fine(() -> type + " [" + p.pid() + "] " + line));
    return new Started(p, stderr, System.nanoTime());
  }

  private Future<StepResult> await(Started started, List<String> argv, StepInvocation inv) {
    Context context = vertx.getOrCreateContext();
    Promise<StepResult> result = Promise.promise();
    boolean[] timedOut = {false};
    long timer = vertx.setTimer(Math.max(1, inv.timeout().toMillis()), id -> {
      timedOut[0] = true;
      ProcessTree.stop(vertx, started.process.toHandle(), KILL_GRACE).onComplete(x -> result.tryFail(
          new StepTimeoutException("step '" + type + "' command " + shortly(argv) + " did not finish hop "
              + inv.hopId() + " within " + inv.timeout().toMillis() + " ms; killed it", inv.timeout())));
    });
    inv.cancelled().onSuccess(v -> context.runOnContext(x -> {
      if (result.future().isComplete() || timedOut[0]) {
        return;
      }
      timedOut[0] = true; // the exit that follows is ours, not the command's answer
      vertx.cancelTimer(timer);
      ProcessTree.stop(vertx, started.process.toHandle(), KILL_GRACE).onComplete(y -> result.tryFail(
          new StepCancelledException("step '" + type + "' command " + shortly(argv) + " stopped: hop "
              + inv.hopId() + " was cancelled")));
    }));
    started.process.onExit().whenComplete((p, e) -> context.runOnContext(v -> {
      running.remove(started.process);
      if (timedOut[0]) {
        return;
      }
      vertx.cancelTimer(timer);
      long computeNanos = System.nanoTime() - started.startNanos;
      int code = started.process.exitValue();
      drained(started.stderr, context).onComplete(x -> {
        if (code != 0) {
          result.tryFail(new StepFailedException("step '" + type + "' command " + shortly(argv) + " exited with code "
              + code + (started.stderr.text().isEmpty() ? " (no stderr)" : "; stderr:\n" + started.stderr.text())));
          return;
        }
        vertx.executeBlocking(() -> OutputFiles.listAll(inv.outputDir()), false)
            .map(outputs -> new StepResult(outputs, computeNanos))
            .onComplete(result);
      });
    }));
    return result.future();
  }

  /** stderr ends just after exit, unless a grandchild still holds the pipe: wait briefly. */
  private Future<Void> drained(OutputTail tail, Context context) {
    Promise<Void> done = Promise.promise();
    long cap = vertx.setTimer(500, id -> done.tryComplete());
    tail.drained().whenComplete((v, e) -> context.runOnContext(x -> {
      vertx.cancelTimer(cap);
      done.tryComplete();
    }));
    return done.future();
  }

  private static String shortly(List<String> argv) {
    String s = "[" + String.join(" ", argv) + "]";
    return s.length() > 200 ? s.substring(0, 197) + "...]" : s;
  }

  @Override
  public Future<Void> close() {
    closed = true;
    List<Future<Void>> stops = new ArrayList<>();
    running.forEach(p -> stops.add(ProcessTree.stop(vertx, p.toHandle(), KILL_GRACE)));
    return Future.join(stops).mapEmpty();
  }

  private record Started(Process process, OutputTail stderr, long startNanos) {}
}
