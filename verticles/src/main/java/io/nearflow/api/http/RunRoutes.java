package io.nearflow.api.http;

import io.nearflow.api.core.ApiFailure;
import io.nearflow.api.core.ComponentCalls;
import io.nearflow.worktracker.RunPage;
import io.nearflow.worktracker.RunState;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs, hops and data units: what happened to the data.
 *
 * <ul>
 *   <li>{@code GET /runs?workflow=&state=&limit=&pageToken=}: a page of runs, newest first,
 *       {@code {runs: [...], nextPageToken}} (no token: the last page); state is RUNNING,
 *       SUCCEEDED, FAILED or CANCELLED; limit 1..1000, default 100; pageToken is the previous
 *       page's nextPageToken (400 when it is not one).
 *   <li>{@code GET /runs/{id}}: the run with {@code hops}, each with {@code durationsMs}
 *       (total, data, pull, compute, push, control, queued).
 *   <li>{@code POST /runs/{id}/cancel}: the run afterwards (an ended run is returned unchanged).
 *   <li>{@code POST /runs/{id}/retry}: re-runs the failed hops of a FAILED run; 409 otherwise.
 *   <li>{@code GET /hops/{id}}: one hop.
 *   <li>{@code GET /data/{unitId}}: {@code {unit, copies}} from the data master.
 * </ul>
 */
public final class RunRoutes {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final ComponentCalls calls;

  public RunRoutes(ComponentCalls calls) {
    this.calls = calls;
  }

  public void mount(Router api) {
    api.get("/runs").handler(this::list);
    api.get("/runs/:id").handler(this::get);
    api.post("/runs/:id/cancel").handler(this::cancel);
    api.post("/runs/:id/retry").handler(this::retry);
    api.get("/hops/:id").handler(this::hop);
    api.get("/data/:unitId").handler(this::unit);
  }

  private void list(RoutingContext rc) {
    int limit = RouteSupport.intQuery(rc, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    String state = RouteSupport.query(rc, "state").map(RunRoutes::runState).orElse(null);
    String pageToken = RouteSupport.query(rc, "pageToken").orElse(null);
    if (pageToken != null) {
      try {
        RunPage.Cursor.parse(pageToken);
      } catch (IllegalArgumentException e) {
        throw ApiFailure.badRequest(e.getMessage());
      }
    }
    RouteSupport.reply(rc, 200, calls.runs(RouteSupport.query(rc, "workflow").orElse(null), state, limit, pageToken));
  }

  private static String runState(String raw) {
    String upper = raw.toUpperCase(Locale.ROOT);
    return Optional.of(upper).filter(s -> Arrays.stream(RunState.values()).anyMatch(r -> r.name().equals(s)))
        .orElseThrow(() -> ApiFailure.badRequest("query parameter 'state' must be one of "
            + Arrays.stream(RunState.values()).map(Enum::name).collect(Collectors.joining(", ")) + ", was '" + raw + "'"));
  }

  private void get(RoutingContext rc) {
    RouteSupport.reply(rc, 200, calls.run(rc.pathParam("id")));
  }

  private void cancel(RoutingContext rc) {
    RouteSupport.reply(rc, 200, calls.cancelRun(rc.pathParam("id")));
  }

  private void retry(RoutingContext rc) {
    RouteSupport.reply(rc, 200, calls.retryRun(rc.pathParam("id")));
  }

  private void hop(RoutingContext rc) {
    RouteSupport.reply(rc, 200, calls.hop(rc.pathParam("id")));
  }

  private void unit(RoutingContext rc) {
    RouteSupport.reply(rc, 200, calls.unit(rc.pathParam("unitId")));
  }
}
