package io.nearflow.worktracker;

import io.nearflow.node.NodeContext;
import io.nearflow.protocol.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.vertx.core.eventbus.DeliveryOptions;
import io.nearflow.cluster.ZoneSchedulers;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Answers queries about runs and hops on {@link Addresses#WORK_TRACKER}: {@code action}
 * {@code getRun} (the run with its hops), {@code listRuns} (optional {@code workflow},
 * {@code state}, {@code limit}, {@code pageToken}; a page, see {@link #listRuns}) and {@code getHop}. A run's freshest state is at the scheduler of
 * its home zone (which coordinates it in memory); the cluster maps receive every record a feed
 * batch later and keep the history. Queries read both and prefer the scheduler's copy.
 */
public final class WorkTrackerVerticle extends VerticleBase {
  /** How long a query with the home scheduler's copy waits for the maps' history. */
  static final long MAPS_WITH_HOME_MS = 1_000;
  private final NodeContext node;
  private WorkTracker tracker;
  private long recordRetentionMicros;

  public WorkTrackerVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    tracker = new WorkTracker(node.hazelcast(), context);
    recordRetentionMicros = RecordRetention.from(node.config().settings()).retention().toMillis() * 1000;
    return vertx.eventBus().<JsonObject>consumer(Addresses.WORK_TRACKER, this::handle).completion();
  }

  private long timeoutMs() {
    return node.timeouts().workTracker().toMillis();
  }

  private ZoneSchedulers schedulers() {
    return ZoneSchedulers.of(node.view().snapshot(), node.config().topology());
  }

  /**
   * What the run's home zone scheduler holds for it now ({@code {run, hops}}; it coordinates the
   * run in memory and the maps receive its records a feed batch later), or null.
   *
   * @param withHops false: the run alone is wanted, the home need not send its hop records (an
   *     older home sends them anyway; they are not read)
   */
  private Future<JsonObject> fromHome(String runId, boolean withHops) {
    String home = RunHome.zoneOfRun(runId).flatMap(z -> schedulers().ownSchedulerOf(z)).orElse(null);
    if (home == null) {
      return Future.succeededFuture(null);
    }
    JsonObject ask = new JsonObject().put("runId", runId);
    if (!withHops) {
      ask.put("withHops", false);
    }
    return vertx.eventBus().<JsonObject>request(Addresses.schedulerRun(home), ask,
            new DeliveryOptions().setSendTimeout(timeoutMs()))
        .map(m -> m.body().getBoolean("missing", false) ? null : m.body())
        .recover(err -> Future.succeededFuture(null));
  }

  /** The run with its hops: the home's fresh copy where it has one, the maps' records otherwise. */
  private Future<JsonObject> run(String runId, boolean withHops) {
    return fromHome(runId, withHops).compose(held -> {
      RunRecord run = held == null ? null : RunRecord.fromJson(held.getJsonObject("run"));
      Future<RunRecord> r = run != null ? Future.succeededFuture(run) : tracker.run(runId);
      return r.compose(rec -> {
        if (rec == null || !withHops) {
          return Future.succeededFuture(rec == null ? null : rec.toJson());
        }
        Map<String, HopRecord> merged = new LinkedHashMap<>();
        // With the home's copy in hand, the maps only add history: do not let a link that is down
        // (the maps' owners across it) hold the answer for longer than a moment. When the home
        // holds a record of every hop of the run, the maps cannot add any (the home's records
        // replace theirs below): they are not read at all.
        Future<List<HopRecord>> maps = held == null ? tracker.hops(rec.hopIds())
            : holdsAll(held, rec.hopIds()) ? Future.succeededFuture(List.of())
            : tracker.hops(rec.hopIds()).timeout(MAPS_WITH_HOME_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        return maps.recover(err -> held == null ? Future.failedFuture(err)
            : Future.succeededFuture(List.of())).map(fromMaps -> {
              fromMaps.forEach(h -> merged.put(h.hopId(), h));
              if (held != null) {
                held.getJsonArray("hops").forEach(o -> {
                  HopRecord h = HopRecord.fromJson((JsonObject) o);
                  merged.put(h.hopId(), h);
                });
              }
              JsonArray arr = new JsonArray();
              merged.values().stream().filter(h -> rec.hopIds().contains(h.hopId()))
                  .sorted(Comparator.comparingLong(HopRecord::queuedAt)).forEach(h -> arr.add(h.toApiJson()));
              return rec.toJson().put("hops", arr);
            });
      });
    });
  }

  /** True when {@code held} (the home's {@code {run, hops}}) has a record of each of {@code hopIds}. */
  static boolean holdsAll(JsonObject held, List<String> hopIds) {
    JsonArray hops = held.getJsonArray("hops");
    if (hops == null || hops.size() < hopIds.size()) {
      return false;
    }
    java.util.Set<String> ids = new java.util.HashSet<>();
    hops.forEach(o -> ids.add(((JsonObject) o).getString("hopId")));
    return ids.containsAll(hopIds);
  }

  /**
   * One page of runs, newest first (see {@link RunPage}): the {@code limit} runs after the cursor
   * ({@code pageToken}; none: from the newest), and {@code nextPageToken} when more may follow.
   * Each zone scheduler is asked for the runs it holds after the cursor (in parallel; one that does
   * not answer in time is named in {@code unavailable}; its copy is the fresher one) and the
   * cluster maps for theirs, through the creation-time index, reading about a page's worth. A
   * page may be shorter than {@code limit} while a token is given (a run's state changed under a
   * state filter); an answer without a token is the last page.
   */
  private Future<JsonObject> listRuns(String workflow, String state, int limit, RunPage.Cursor cursor) {
    List<String> nodes = schedulers().asMap().values().stream().distinct().sorted().toList();
    List<Future<JsonObject>> asked = new ArrayList<>();
    JsonObject question = RunPage.question(cursor, workflow, state, limit + 1);
    for (String n : nodes) {
      asked.add(vertx.eventBus().<JsonObject>request(Addresses.schedulerRun(n), question,
          new DeliveryOptions().setSendTimeout(timeoutMs())).map(m -> m.body()));
    }
    long now = io.nearflow.protocol.Micros.now(node.clock());
    long horizon = now - recordRetentionMicros;
    Future<WorkTracker.MapPage> mapped = tracker.runsAfter(cursor, workflow, state, limit + 1, now, horizon)
        .timeout(timeoutMs(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .recover(err -> Future.succeededFuture(null));
    List<Future<?>> all = new ArrayList<>(asked);
    all.add(mapped);
    return Future.join(all).transform(ignored -> {
      Map<String, RunRecord> byId = new LinkedHashMap<>();
      WorkTracker.MapPage fromMaps = mapped.result();
      if (fromMaps != null) {
        fromMaps.runs().forEach(r -> byId.put(r.runId(), r));
      }
      JsonArray unavailable = new JsonArray();
      for (int i = 0; i < nodes.size(); i++) {
        Future<JsonObject> f = asked.get(i);
        if (f.succeeded()) {
          // The scheduler's copies are the fresher ones.
          f.result().getJsonArray("notInState", new JsonArray()).forEach(id -> byId.remove((String) id));
          f.result().getJsonArray("runs").forEach(o -> {
            RunRecord r = RunRecord.fromJson((JsonObject) o);
            byId.put(r.runId(), r);
          });
        } else {
          unavailable.add(nodes.get(i));
        }
      }
      // The maps were read down to their oldest run returned (unless they had no more): a page
      // must not reach past it, or a run of the maps between the two would be skipped.
      RunPage.Cursor edge = fromMaps == null || fromMaps.exhausted() || fromMaps.runs().isEmpty() ? null
          : RunPage.Cursor.of(fromMaps.runs().get(fromMaps.runs().size() - 1));
      List<RunRecord> matching = byId.values().stream()
          .filter(r -> cursor == null || cursor.before(r))
          .filter(r -> workflow == null || r.workflow().equals(workflow))
          .filter(r -> state == null || r.state().name().equalsIgnoreCase(state))
          .sorted(RunPage.NEWEST_FIRST).toList();
      List<RunRecord> certain = edge == null ? matching : matching.stream().filter(r -> !edge.before(r)).toList();
      List<RunRecord> page = certain.subList(0, Math.min(limit, certain.size()));
      JsonArray arr = new JsonArray();
      page.forEach(r -> arr.add(r.toJson()));
      JsonObject out = new JsonObject().put("runs", arr);
      if (page.size() == limit && matching.size() > limit || page.size() == limit && edge != null) {
        out.put("nextPageToken", RunPage.Cursor.of(page.get(page.size() - 1)).token());
      } else if (edge != null) {
        // Everything down to the edge was read and fewer matched: go on below it.
        out.put("nextPageToken", edge.token());
      }
      if (fromMaps == null) {
        unavailable.add(WorkTracker.RUNS);
      }
      if (!unavailable.isEmpty()) {
        out.put("unavailable", unavailable);
      }
      return Future.succeededFuture(out);
    });
  }

  private void handle(Message<JsonObject> msg) {
    JsonObject b = msg.body();
    switch (b.getString("action", "")) {
      case "getRun" -> run(b.getString("runId", ""), b.getBoolean("withHops", true)).onSuccess(json -> {
        if (json == null) {
          msg.fail(404, "no run " + b.getString("runId"));
        } else {
          msg.reply(json);
        }
      }).onFailure(err -> msg.fail(500, err.getMessage()));
      case "getHop" -> {
        String hopId = b.getString("hopId", "");
        fromHome(RunHome.runOfHop(hopId), true).compose(held -> {
          if (held != null) {
            for (Object o : held.getJsonArray("hops")) {
              if (hopId.equals(((JsonObject) o).getString("hopId"))) {
                return Future.succeededFuture(HopRecord.fromJson((JsonObject) o));
              }
            }
          }
          return tracker.hop(hopId);
        }).onSuccess(h -> {
          if (h == null) {
            msg.fail(404, "no hop " + hopId);
          } else {
            msg.reply(h.toApiJson());
          }
        }).onFailure(err -> msg.fail(500, err.getMessage()));
      }
      case "listRuns" -> {
        RunPage.Cursor cursor;
        try {
          cursor = b.getString("pageToken") == null ? null : RunPage.Cursor.parse(b.getString("pageToken"));
        } catch (IllegalArgumentException e) {
          msg.fail(400, e.getMessage());
          return;
        }
        listRuns(b.getString("workflow"), b.getString("state"), b.getInteger("limit", 100), cursor)
            .onSuccess(msg::reply).onFailure(err -> msg.fail(500, err.getMessage()));
      }
      default -> msg.fail(400, "unknown work tracker action '" + b.getString("action") + "'");
    }
  }
}
