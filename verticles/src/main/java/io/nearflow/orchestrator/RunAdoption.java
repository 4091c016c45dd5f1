package io.nearflow.orchestrator;

import io.nearflow.data.DataUnit;
import io.nearflow.datamaster.ClusterDataRegistry;
import io.nearflow.protocol.Micros;
import io.nearflow.workflow.StepDefinition;
import io.nearflow.workflow.WorkflowDefinition;
import io.nearflow.worktracker.HopRecord;
import io.nearflow.worktracker.HopState;
import io.nearflow.worktracker.RunChange;
import io.nearflow.worktracker.RunRecord;
import io.nearflow.worktracker.RunState;
import io.nearflow.worktracker.WorkTracker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Takes over the unfinished hops of orchestrators that left the cluster. For every running run,
 * the hops it expects are re-derived from what is recorded (entry steps of the run's input, and
 * for every succeeded hop its outputs times the next steps, with the same deterministic hop
 * ids), so a hop is recovered even when its owner died before writing its record. Hops owned by
 * a live orchestrator are left alone.
 */
final class RunAdoption {
  private static final Logger LOG = Logger.getLogger(RunAdoption.class.getName());
  private static final int RETRY_ROUNDS = 5;
  private static final long RETRY_DELAY_MS = 5_000;
  /** How long a home scheduler's adoption waits for the cluster maps before going on with what it holds. */
  private static final long MAPS_TIMEOUT_MS = 2_000;

  private final Vertx vertx;
  private final WorkTracker tracker;
  private final RunBook runs;
  private final WorkflowCatalog catalog;
  private final Orchestrator orchestrator;
  private final Clock clock;
  private final ClusterDataRegistry dataMaster;

  /** @param runs where run changes go: the run's home scheduler (reads come from the cluster maps) */
  RunAdoption(Vertx vertx, WorkTracker tracker, RunBook runs, WorkflowCatalog catalog, Orchestrator orchestrator,
              Clock clock, ClusterDataRegistry dataMaster) {
    this.runs = runs;
    this.dataMaster = dataMaster;
    this.vertx = vertx;
    this.tracker = tracker;
    this.catalog = catalog;
    this.orchestrator = orchestrator;
    this.clock = clock;
  }

  /**
   * Adopts the unfinished hops of every running run whose owner is not in {@code live}. A run that
   * cannot be adopted now (e.g. the data master did not answer) is tried again a few times, with
   * the live set as it is then, so it does not wait for the next orchestrator to leave.
   *
   * @param live node ids of the orchestrators in the cluster now (this one included)
   */
  Future<Integer> adopt(Supplier<Set<String>> live) {
    return adopt(live, 1);
  }

  /**
   * After a restart: resumes the given runs (the running runs this scheduler's journal holds),
   * whoever owned their unfinished hops: after a restart of every node no orchestrator holds
   * them any more, whatever its id.
   */
  Future<Integer> resume(Set<String> runIds) {
    return adopt(Set::of, 1, run -> runIds.contains(run.runId()), tracker::unendedRuns);
  }

  private Future<Integer> adopt(Supplier<Set<String>> live, int round) {
    return adopt(live, round, run -> true);
  }

  /**
   * Adopts, at a zone's scheduler, the unfinished hops without a live owner of the running runs
   * homed here: those it holds (in memory, or taken over from its standby replica: no cluster map
   * needed, so this works while the zone is cut off) and those the cluster maps list as homed here
   * (when they answer).
   */
  Future<Integer> adoptHome(Supplier<Set<String>> live) {
    return adopt(live, 1, run -> runs.isHome(run.runId()), () -> {
      Map<String, RunRecord> byId = new java.util.LinkedHashMap<>();
      runs.heldRuns().forEach(r -> byId.put(r.runId(), r));
      return tracker.unendedRuns().timeout(MAPS_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS)
          .recover(err -> Future.succeededFuture(List.of()))
          .map(fromMaps -> {
            fromMaps.stream().filter(r -> runs.isHome(r.runId())).forEach(r -> byId.putIfAbsent(r.runId(), r));
            return List.copyOf(byId.values());
          });
    });
  }

  /**
   * The reconciler of the runs a zone coordinates: a held running run that has not changed for
   * {@code quietMs} gets its expected hops checked, and those without a record of a live owner
   * start again (a change or a dispatch lost with a host, a write that failed for good).
   */
  Future<Integer> reconcile(Supplier<Set<String>> live, long quietMs) {
    List<RunRecord> quiet = runs.quietRunning(quietMs);
    if (quiet.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return adopt(live, RETRY_ROUNDS, run -> true, () -> Future.succeededFuture(quiet));
  }

  private Future<Integer> adopt(Supplier<Set<String>> live, int round, java.util.function.Predicate<RunRecord> which) {
    // A run homed in a zone is adopted only by that zone's own scheduler (adoptHome), never from
    // another zone: a home zone without a scheduler may only be cut off, and adopting its runs here
    // would run their hops on both sides. They resume when a scheduler of their zone is back (its
    // standby, or the same node restarted from its journal). Older run ids name no zone.
    return adopt(live, round, which.and(run -> io.nearflow.worktracker.RunHome.zoneOfRun(run.runId()).isEmpty()),
        tracker::unendedRuns);
  }

  private Future<Integer> adopt(Supplier<Set<String>> live, int round, java.util.function.Predicate<RunRecord> which,
                                Supplier<Future<List<RunRecord>>> source) {
    Set<String> liveNow = live.get();
    int[] failed = new int[1];
    return source.get().compose(runs -> {
      Future<Integer> chain = Future.succeededFuture(0);
      for (RunRecord run : runs) {
        if (run.state() != RunState.RUNNING || !which.test(run)) {
          continue;
        }
        chain = chain.compose(n -> adoptRun(run, liveNow).map(m -> n + m)
            .recover(err -> {
              failed[0]++;
              LOG.warning("run " + run.runId() + " not adopted (round " + round + "): " + err.getMessage());
              return Future.succeededFuture(n);
            }));
      }
      return chain;
    }).onSuccess(n -> {
      if (n > 0) {
        LOG.info("adopted " + n + " unfinished hop(s) of orchestrators that left");
      }
      if (failed[0] > 0 && round < RETRY_ROUNDS) {
        vertx.setTimer(RETRY_DELAY_MS * round, t -> adopt(live, round + 1, which, source));
      } else if (failed[0] > 0) {
        LOG.severe(failed[0] + " run(s) could not be adopted after " + round + " rounds: they stay RUNNING until "
            + "another orchestrator leaves or they are cancelled");
      }
    });
  }

  private Future<Integer> adoptRun(RunRecord run, Set<String> live) {
    return catalog.get(run.workflow(), run.workflowVersion()).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture("workflow " + run.workflow() + " v" + run.workflowVersion() + " is gone");
      }
      WorkflowDefinition wf = found.get();
      return repairRecords(run).compose(v -> repairFinished(run, wf))
          .compose(repaired -> restartUnfinished(repaired, wf, live));
    });
  }

  /**
   * Hops the run counts as finished whose record does not say so: a succeeded hop's run change
   * and its final record are written together (see Orchestrator), and the owner died between the
   * two. (A failed hop's record is always written first.) Its outputs are found again in the data
   * master — output ids are derived from the hop id and the output index — and the record is
   * completed, so the downstream hops the run already lists can be derived and started below.
   */
  private Future<Void> repairRecords(RunRecord run) {
    return hopsOf(run).compose(records -> {
      List<Future<Void>> repairs = new ArrayList<>();
      for (HopRecord r : records) {
        if (!r.state().terminal() && run.finishedHopIds().contains(r.hopId())) {
          repairs.add(outputsOf(r.hopId(), 0, new ArrayList<>()).compose(outputs -> {
            HopRecord done = r.finished(HopState.SUCCEEDED, r.agent(), Micros.now(clock), r.bytesPulled(),
                r.pullMethod(), outputs, "", "");
            if (runs.held(run.runId()) != null) {
              runs.saveHop(done); // held here: read back from memory below, fed to the maps behind
              return Future.succeededFuture();
            }
            return tracker.saveHop(done); // read back from the maps below
          }));
        }
      }
      return Future.all(repairs).mapEmpty();
    });
  }

  /** The registered outputs of a hop, by probing output index 0, 1, ... until one is unknown. */
  private Future<List<String>> outputsOf(String hopId, int index, List<String> found) {
    String id = io.nearflow.data.DataUnitIds.forOutput(hopId, index);
    return unit(id).compose(unit -> {
      if (unit == null) {
        return Future.succeededFuture(found); // the first unknown index: the hop had no more outputs
      }
      found.add(id);
      return outputsOf(hopId, index + 1, found);
    });
  }

  /**
   * Hops whose record says they ended but which the run does not count as finished: their owner
   * died between writing the hop and changing the run. Apply the missing change (which also adds
   * their downstream hops to the run, to be started below).
   */
  private Future<RunRecord> repairFinished(RunRecord run, WorkflowDefinition wf) {
    return hopsOf(run).compose(records -> {
      Future<RunRecord> chain = Future.succeededFuture(run);
      for (HopRecord r : records) {
        if (r.state().terminal() && !run.finishedHopIds().contains(r.hopId())) {
          chain = chain.compose(current -> repairOne(current, wf, r));
        }
      }
      return chain;
    });
  }

  private Future<RunRecord> repairOne(RunRecord run, WorkflowDefinition wf, HopRecord r) {
    long now = Micros.now(clock);
    if (r.state() != HopState.SUCCEEDED) {
      String reason = "step '" + r.step() + "' (hop " + r.hopId() + ") failed after " + r.attempt() + " attempt(s): "
          + r.error();
      return runs.change(run.runId(), RunChange.hopFailed(r.hopId(), reason, now), null).map(RunChange.Result::run);
    }
    List<Future<DataUnit>> outputs = r.outputIds().stream().map(this::unit).toList();
    return Future.all(outputs).compose(cf -> {
      List<DataUnit> units = cf.list();
      List<String> next = new ArrayList<>();
      for (DataUnit u : units) {
        for (StepDefinition s : wf.next(r.step())) {
          next.add(HopIds.hopId(run.runId(), s.name(), u.id()));
        }
      }
      List<DataUnit> finals = wf.isFinal(r.step()) ? units : List.of();
      return runs.change(run.runId(), RunChange.hopSucceeded(r.hopId(), next, finals, now), null)
          .map(RunChange.Result::run);
    });
  }

  /** Expected hops that are not finished and have no live owner: start them (again). */
  private Future<Integer> restartUnfinished(RunRecord run, WorkflowDefinition wf, Set<String> live) {
    if (run.state() != RunState.RUNNING) {
      return Future.succeededFuture(0);
    }
    boolean[] mapsAnswered = {true};
    return hopsOf(run, mapsAnswered).compose(records -> {
      Map<String, HopRecord> byId = new HashMap<>();
      records.forEach(r -> byId.put(r.hopId(), r));
      Set<String> finished = new HashSet<>(run.finishedHopIds());
      Set<String> inRun = new HashSet<>(run.hopIds());
      List<Future<Void>> restarts = new ArrayList<>();
      for (Expected e : expected(run, wf, records)) {
        if (finished.contains(e.hopId)) {
          continue;
        }
        HopRecord known = byId.get(e.hopId);
        if (known != null && (known.state().terminal() || live.contains(known.orchestratorNodeId()))) {
          continue;
        }
        if (known == null && !mapsAnswered[0] && inRun.contains(e.hopId)) {
          continue; // it may run in a zone cut off from here: its record there will tell (next round)
        }
        Future<DataUnit> input = known != null ? Future.succeededFuture(known.input())
            : e.inputId.equals(run.input().id()) ? Future.succeededFuture(run.input()) : unit(e.inputId);
        // A hop the run does not list yet must be counted before it can finish.
        Future<Void> counted = inRun.contains(e.hopId) ? Future.succeededFuture()
            : runs.change(run.runId(), RunChange.hopsStarted(List.of(e.hopId), Micros.now(clock)), null).mapEmpty();
        restarts.add(Future.all(input, counted).map(cf -> {
          DataUnit in = cf.resultAt(0);
          HopRecord base = known != null ? known : HopRecord.created(e.hopId, run.runId(), run.workflow(),
              run.workflowVersion(), e.step.name(), e.step.type(), in, "", Micros.now(clock));
          orchestrator.resubmit(wf, base, known == null ? 1 : known.attempt() + 1);
          return null;
        }));
      }
      return Future.all(restarts).map(x -> restarts.size());
    });
  }

  /**
   * The run's hop records: for a run this scheduler holds, the records it holds over what the
   * cluster maps answer within {@value #MAPS_TIMEOUT_MS} ms (nothing, while they are cut off);
   * otherwise the maps' (a failure fails the adoption, which is tried again).
   */
  private Future<List<HopRecord>> hopsOf(RunRecord run) {
    return hopsOf(run, new boolean[1]);
  }

  /** @param mapsAnswered set to false when the cluster maps did not answer in time */
  private Future<List<HopRecord>> hopsOf(RunRecord run, boolean[] mapsAnswered) {
    mapsAnswered[0] = true;
    java.util.Collection<HopRecord> held = runs.heldHops(run.runId());
    if (runs.held(run.runId()) == null) {
      return tracker.hops(run.hopIds());
    }
    return tracker.hops(run.hopIds()).timeout(MAPS_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS)
        .recover(err -> {
          mapsAnswered[0] = false;
          return Future.succeededFuture(List.of());
        })
        .map(fromMaps -> {
          Map<String, HopRecord> merged = new java.util.LinkedHashMap<>();
          fromMaps.forEach(h -> merged.put(h.hopId(), h));
          for (HopRecord h : held) {
            HopRecord other = merged.get(h.hopId());
            if (other == null || !(other.state().terminal() && !h.state().terminal())) {
              merged.put(h.hopId(), h);
            }
          }
          return List.copyOf(merged.values());
        });
  }

  private record Expected(String hopId, StepDefinition step, String inputId) {}

  private static List<Expected> expected(RunRecord run, WorkflowDefinition wf, List<HopRecord> records) {
    List<Expected> out = new ArrayList<>();
    for (StepDefinition s : wf.entrySteps()) {
      out.add(new Expected(HopIds.hopId(run.runId(), s.name(), run.input().id()), s, run.input().id()));
    }
    for (HopRecord r : records) {
      if (r.state() != HopState.SUCCEEDED) {
        continue;
      }
      for (String output : r.outputIds()) {
        for (StepDefinition s : wf.next(r.step())) {
          out.add(new Expected(HopIds.hopId(run.runId(), s.name(), output), s, output));
        }
      }
    }
    return out;
  }

  private Future<DataUnit> unit(String unitId) {
    return dataMaster.unit(unitId);
  }
}
