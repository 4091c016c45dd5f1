package io.nearflow.worktracker;

import com.hazelcast.map.EntryProcessor;
import io.nearflow.data.DataUnit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One atomic change to a run, applied on the run's partition owner: hops added and finished,
 * final outputs added (idempotently, by unit id, so a retried hop never adds a second output),
 * and the run ended when nothing is outstanding or a hop failed for good. Returns the new run
 * as JSON (null if the run does not exist). A terminal run only accepts bookkeeping: a late hop
 * of a cancelled run does not revive it, and hops offered to it are neither added nor counted.
 * Nobody runs them (the orchestrator starts only the hops a change reports as added to a running
 * run), so counting them would leave the run outstanding forever once it is retried.
 *
 * <p>Applying the same change again (Hazelcast re-sends an operation when a partition moves, or a
 * caller retries a write whose reply was lost) reports the same hops as added: they are new to
 * the run because of this change, and nobody has started them. A <em>different</em> change that
 * offers the same hops (the same hop run twice, at-least-once) still gets none, so they are not
 * started twice. To tell the two apart the run's stored JSON keeps the tokens of the last
 * {@value #REMEMBERED} changes that added hops, beside the record ({@link RunRecord} ignores it).
 */
public final class RunChange implements EntryProcessor<String, String, String> {
  private static final long serialVersionUID = 1L;

  /** The run after the change, and which of the offered hops were new to it. */
  public record Result(RunRecord run, List<String> added) {
    public static Result fromJson(String json) {
      return fromJson(new JsonObject(json));
    }

    public static Result fromJson(JsonObject j) {
      List<String> added = j.getJsonArray("added").stream().map(String::valueOf).toList();
      return new Result(RunRecord.fromJson(j.getJsonObject("run")), added);
    }
  }

  private final List<String> hopsAdded;
  private final String hopFinished;
  private final List<String> outputsAdded;
  private final String failure;
  private final boolean cancel;
  private final List<String> reopened;
  private final long now;
  /** Identifies this change across re-sends: it travels with the serialized processor (and its JSON). */
  private String token = Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());

  static final String APPLIED = "appliedChanges";
  static final int REMEMBERED = 64;

  private RunChange(List<String> hopsAdded, String hopFinished, List<String> outputsAdded, String failure,
                    boolean cancel, long now) {
    this.hopsAdded = new ArrayList<>(hopsAdded);
    this.hopFinished = hopFinished;
    this.outputsAdded = new ArrayList<>(outputsAdded);
    this.failure = failure;
    this.cancel = cancel;
    this.reopened = new ArrayList<>();
    this.now = now;
  }

  /** Retry of a failed run: the given hops run again, the run is RUNNING again. */
  public static RunChange reopened(List<String> hopIds, long now) {
    return reopened(hopIds, List.of(), now);
  }

  /**
   * Retry of a failed run: {@code rerun} (finished hops that failed or were cancelled) run again,
   * and {@code started} hops the run never counted are added, in the same change so the run cannot
   * end before they are counted. {@code started} are the successors of hops that succeeded while
   * the run was already failed: they were offered to a terminal run and dropped.
   */
  public static RunChange reopened(List<String> rerun, List<String> started, long now) {
    RunChange c = new RunChange(started, null, List.of(), null, false, now);
    c.reopened.addAll(rerun);
    return c;
  }

  /** A hop finished successfully, creating {@code next} hops and {@code finals} final outputs. */
  public static RunChange hopSucceeded(String hopId, List<String> next, List<DataUnit> finals, long now) {
    return new RunChange(next, hopId, finals.stream().map(u -> u.toJson().encode()).toList(), null, false, now);
  }

  public static RunChange hopsStarted(List<String> hops, long now) {
    return new RunChange(hops, null, List.of(), null, false, now);
  }

  public static RunChange hopFailed(String hopId, String reason, long now) {
    return new RunChange(List.of(), hopId, List.of(), reason, false, now);
  }

  public static RunChange cancelled(long now) {
    return new RunChange(List.of(), null, List.of(), null, true, now);
  }

  /** The change as a message to the run's home scheduler (see {@link RunHome}); the token travels along. */
  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("hopsAdded", new JsonArray(hopsAdded)).put("outputsAdded", new JsonArray(outputsAdded))
        .put("cancel", cancel).put("reopened", new JsonArray(reopened)).put("now", now).put("token", token);
    if (hopFinished != null) {
      j.put("hopFinished", hopFinished);
    }
    if (failure != null) {
      j.put("failure", failure);
    }
    return j;
  }

  public static RunChange fromJson(JsonObject j) {
    RunChange c = new RunChange(strings(j.getJsonArray("hopsAdded")), j.getString("hopFinished"),
        strings(j.getJsonArray("outputsAdded")), j.getString("failure"), j.getBoolean("cancel", false), j.getLong("now", 0L));
    c.reopened.addAll(strings(j.getJsonArray("reopened")));
    c.token = j.getString("token", c.token);
    return c;
  }

  private static List<String> strings(JsonArray a) {
    return a == null ? List.of() : a.stream().map(String::valueOf).toList();
  }

  /**
   * Applies the change to a run's stored JSON in memory (the home scheduler's copy); null if there
   * is none. The same logic as {@link #process}, without encoding its result as JSON.
   */
  public Result applyTo(String runId, String stored, java.util.function.Consumer<String> newValue) {
    Map.Entry<String, String> entry = new java.util.AbstractMap.SimpleEntry<>(runId, stored) {
      @Override
      public String setValue(String value) {
        newValue.accept(value);
        return super.setValue(value);
      }
    };
    return apply(entry);
  }

  @Override
  public String process(Map.Entry<String, String> entry) {
    Result r = apply(entry);
    return r == null ? null : result(r.run(), r.added());
  }

  private Result apply(Map.Entry<String, String> entry) {
    if (entry.getValue() == null) {
      return null;
    }
    JsonObject stored = new JsonObject(entry.getValue());
    RunRecord run = RunRecord.fromJson(stored);
    JsonArray applied = stored.getJsonArray(APPLIED, new JsonArray());
    if (applied.contains(token)) {
      // Applied before and every hop it offered was new then: report them again, change nothing.
      return new Result(run, List.copyOf(hopsAdded));
    }
    LinkedHashSet<String> hops = new LinkedHashSet<>(run.hopIds());
    List<String> newHops = new ArrayList<>();
    boolean staysEnded = run.state().terminal() && reopened.isEmpty();
    for (String h : hopsAdded) {
      if (!staysEnded && hops.add(h)) {
        newHops.add(h);
      }
    }
    int added = newHops.size();
    List<DataUnit> outputs = new ArrayList<>(run.finalOutputs());
    for (String o : outputsAdded) {
      DataUnit u = DataUnit.fromJson(new JsonObject(o));
      if (outputs.stream().noneMatch(x -> x.id().equals(u.id()))) {
        outputs.add(u);
      }
    }
    // A hop outcome delivered twice (at-least-once) finishes the hop once.
    LinkedHashSet<String> finished = new LinkedHashSet<>(run.finishedHopIds());
    int finishedNow = hopFinished != null && finished.add(hopFinished) ? 1 : 0;
    int outstanding = Math.max(0, run.outstanding() + added - finishedNow);
    RunState state = run.state();
    long ended = run.endedAt();
    String reason = run.failureReason();
    if (!reopened.isEmpty()) {
      for (String h : reopened) {
        if (finished.remove(h)) {
          outstanding++;
        }
      }
      state = RunState.RUNNING;
      ended = 0;
      reason = "";
    }
    if (!state.terminal()) {
      if (cancel) {
        state = RunState.CANCELLED;
        ended = now;
        reason = "cancelled on request";
      } else if (failure != null && finishedNow == 1) {
        state = RunState.FAILED;
        ended = now;
        reason = failure;
      } else if (outstanding == 0 && finishedNow == 1) {
        state = RunState.SUCCEEDED;
        ended = now;
      }
    }
    RunRecord next = run.with(state, ended, outstanding, List.copyOf(hops), List.copyOf(finished), outputs, reason);
    if (!newHops.isEmpty() && newHops.size() == hopsAdded.size()) {
      applied.add(token);
      while (applied.size() > REMEMBERED) {
        applied.remove(0);
      }
    }
    JsonObject value = next.toJson();
    if (!applied.isEmpty()) {
      value.put(APPLIED, applied);
    }
    entry.setValue(value.encode());
    return new Result(next, List.copyOf(newHops));
  }

  private static String result(RunRecord run, List<String> added) {
    return new JsonObject().put("run", run.toJson()).put("added", new JsonArray(added)).encode();
  }
}
