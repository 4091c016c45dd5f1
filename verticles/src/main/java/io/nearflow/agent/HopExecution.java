package io.nearflow.agent;

import io.nearflow.adapters.AdapterRegistry;
import io.nearflow.adapters.DataTransferException;
import io.nearflow.adapters.PulledFile;
import io.nearflow.adapters.PushRequest;
import io.nearflow.data.DataUnit;
import io.nearflow.data.DataUnitConflictException;
import io.nearflow.data.DataUnitIds;
import io.nearflow.protocol.FailureKind;
import io.nearflow.protocol.HopDispatch;
import io.nearflow.protocol.HopOutcome;
import io.nearflow.protocol.HopTimings;
import io.nearflow.protocol.Micros;
import io.nearflow.step.StepFailedException;
import io.nearflow.step.StepInvocation;
import io.nearflow.step.StepResult;
import io.nearflow.step.StepTimeoutException;
import io.nearflow.step.StepUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One hop on this host: pull the input into the hop's work directory, run the step, push every
 * output (ids derived from the hop id, so a retried hop re-registers the same units), and turn
 * whatever happened into a {@link HopOutcome}. Never fails: failures become outcomes.
 */
final class HopExecution {
  /** Looks up a registered unit by id (the data master's view of it); null when unknown. */
  interface RegisteredUnits {
    Future<DataUnit> get(String unitId);
  }

  private final Vertx vertx;
  private final AdapterRegistry adapters;
  private final Clock clock;
  private final RegisteredUnits registered;

  HopExecution(Vertx vertx, AdapterRegistry adapters, Clock clock, RegisteredUnits registered) {
    this.vertx = vertx;
    this.adapters = adapters;
    this.clock = clock;
    this.registered = registered;
  }

  /** Runs the hop with its input pulled into {@code scratch.in()} and its outputs in {@code scratch.out()}. */
  Future<HopOutcome> run(HopDispatch hop, StepInstance instance, Future<ScratchDirs.Scratch> scratch,
                         Future<Void> cancelled) {
    long[] t = new long[6];
    PulledFile[] pulled = new PulledFile[1];
    Path[] out = new Path[1];
    return scratch
        .compose(dirs -> {
          out[0] = dirs.out();
          t[0] = Micros.now(clock);
          return adapters.adapter(hop.sourceAdapter()).pull(hop.input(), dirs.in());
        })
        .compose(file -> {
          t[1] = Micros.now(clock);
          pulled[0] = file;
          t[2] = t[1];
          return instance.step.run(new StepInvocation(hop.hopId(), hop.stepType(), file.path(), out[0], hop.params(),
              Duration.ofMillis(hop.timeoutMs()), cancelled));
        })
        .compose(result -> {
          t[3] = Micros.now(clock);
          t[4] = t[3];
          return pushAll(hop, result);
        })
        .map(units -> {
          t[5] = Micros.now(clock);
          return new HopOutcome(hop.hopId(), hop.runId(), hop.instanceId(), hop.attempt(), units, null, "",
              new HopTimings(t[0], t[1], t[2], t[3], t[4], t[5]), pulled[0].bytesMoved(), pulled[0].method().name());
        })
        .recover(err -> Future.succeededFuture(new HopOutcome(hop.hopId(), hop.runId(), hop.instanceId(),
            hop.attempt(), List.of(), kindOf(err), describe(err), new HopTimings(t[0], t[1], t[2], t[3], t[4], t[5]),
            pulled[0] == null ? 0 : pulled[0].bytesMoved(), pulled[0] == null ? "" : pulled[0].method().name())));
  }

  /** Outputs are pushed one after another so the unit list keeps the step's order. */
  private Future<List<DataUnit>> pushAll(HopDispatch hop, StepResult result) {
    List<DataUnit> units = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < result.outputs().size(); i++) {
      int index = i;
      chain = chain.compose(v -> adapters.adapter(hop.sinkAdapter())
          .push(result.outputs().get(index), PushRequest.forHopOutput(hop.hopId(), index))
          .recover(err -> err instanceof DataUnitConflictException
              // An earlier attempt of this hop already registered this output with other bytes
              // (steps need not be deterministic). First registration wins: that unit is the
              // output, so downstream sees exactly one unit per output index.
              ? registered.get(DataUnitIds.forOutput(hop.hopId(), index)).compose(first -> first != null
                  ? Future.succeededFuture(first) : Future.failedFuture(err)) // retired meanwhile: the conflict stands
              : Future.failedFuture(err))
          .map(u -> {
            units.add(u);
            return null;
          }));
    }
    return chain.map(v -> units);
  }

  static FailureKind kindOf(Throwable err) {
    if (err instanceof io.nearflow.step.StepCancelledException) {
      return FailureKind.CANCELLED;
    }
    if (err instanceof StepTimeoutException) {
      return FailureKind.TIMEOUT;
    }
    if (err instanceof StepUnavailableException) {
      return FailureKind.UNAVAILABLE;
    }
    if (err instanceof StepFailedException) {
      return FailureKind.STEP_FAILED;
    }
    if (err instanceof DataTransferException || err instanceof io.nearflow.adapters.LocatorRefusedException) {
      return FailureKind.DATA;
    }
    return FailureKind.STEP_FAILED;
  }

  static String describe(Throwable err) {
    String m = err.getMessage();
    return m == null || m.isBlank() ? err.getClass().getSimpleName() : m;
  }
}
