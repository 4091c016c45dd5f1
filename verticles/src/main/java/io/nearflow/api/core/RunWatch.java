package io.nearflow.api.core;

import io.nearflow.protocol.RunEventStream;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows one run for a watcher: first the current state ({@code run-state}, the run with its
 * hops), then every event the orchestrators publish on the run's address, until the run ends
 * ({@code run-ended}, again with hops), from the node's {@link RunEventStream}. Subscribing comes
 * before reading the state, so nothing
 * falls between the two; events that arrive in between are delivered after the state (a watcher
 * may see one twice). A run that has already ended gives its state and nothing else.
 *
 * <p>Publishing is at-most-once, and a cancelled run announces no end; so the watch re-reads the
 * run every {@code recheck} and right after a hop fails or is cancelled, and ends it itself when
 * the run is terminal. Everything runs on the context that started the watch.
 */
public final class RunWatch {
  /** Receives the watch's output in order; exactly one of {@link #ended}/{@link #failed} comes last. */
  public interface Listener {
    /** {@code payload} is a run for {@code run-*} types, a hop for {@code hop-*} types. */
    void event(String type, JsonObject payload);

    void ended();

    void failed(ApiFailure failure);
  }

  private final Vertx vertx;
  private final ComponentCalls calls;
  private final String runId;
  private final Listener listener;
  private final List<JsonObject> early = new ArrayList<>();
  private Runnable unsubscribe;
  private long timer = -1;
  private boolean live;
  private boolean ending;
  private boolean closed;

  private RunWatch(Vertx vertx, ComponentCalls calls, String runId, Listener listener) {
    this.vertx = vertx;
    this.calls = calls;
    this.runId = runId;
    this.listener = listener;
  }

  public static RunWatch start(Vertx vertx, ComponentCalls calls, String runId, Duration recheck, Listener listener) {
    RunWatch w = new RunWatch(vertx, calls, runId, listener);
    w.begin(recheck);
    return w;
  }

  private void begin(Duration recheck) {
    RunEventStream.of(vertx).watch(runId, this::onEvent).compose(closer -> {
      unsubscribe = closer;
      if (closed) {
        closer.run();
      }
      return calls.run(runId);
    }).onComplete(ar -> {
      if (closed) {
        return;
      }
      if (ar.failed()) {
        fail(ApiFailure.of(ar.cause(), "the work tracker"));
        return;
      }
      listener.event("run-state", ar.result());
      if (terminal(ar.result())) {
        finish();
        return;
      }
      live = true;
      early.forEach(this::onEvent);
      early.clear();
      timer = vertx.setPeriodic(recheck.toMillis(), id -> recheck());
    });
  }

  /** Stops the watch without telling the listener (the watcher went away). */
  public void close() {
    closed = true;
    if (unsubscribe != null) {
      unsubscribe.run();
      unsubscribe = null;
    }
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void onEvent(JsonObject event) {
    if (closed || ending) {
      return;
    }
    if (!live) {
      early.add(event);
      return;
    }
    String type = event.getString("type", "");
    if (type.equals("run-ended")) {
      ending = true;
      // The event's run has no hops; the final state a watcher wants has them (with timings).
      calls.run(runId).onComplete(ar -> end(ar.succeeded() ? ar.result() : event.getJsonObject("run")));
      return;
    }
    listener.event(type, event.getJsonObject(type.startsWith("hop-") ? "hop" : "run", new JsonObject()));
    if (type.equals("hop-failed") || type.equals("hop-cancelled")) {
      recheck();
    }
  }

  private void recheck() {
    if (closed || ending) {
      return;
    }
    calls.run(runId).onSuccess(run -> {
      if (terminal(run) && !ending) {
        ending = true;
        end(run);
      }
    }); // a failed re-read is not the watch's end: the next one or the event will do
  }

  private void end(JsonObject finalRun) {
    if (closed) {
      return;
    }
    listener.event("run-ended", finalRun);
    finish();
  }

  private void finish() {
    close();
    listener.ended();
  }

  private void fail(ApiFailure failure) {
    close();
    listener.failed(failure);
  }

  private static boolean terminal(JsonObject run) {
    return !"RUNNING".equals(run.getString("state"));
  }
}
