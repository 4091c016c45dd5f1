package io.nearflow.worktracker;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;

/**
 * The order runs are listed in, and where a page ends. Runs are listed newest first: by
 * {@code createdAt} descending, then by run id descending (two runs created in the same
 * microsecond). Both are fixed when the run is created, so a position in this order stays valid
 * while runs are added and end: the next page holds exactly the runs after the previous page's
 * last one, and runs created since then (newer, so before it) never shift it.
 *
 * <p>The page token is that last run's position, opaque to clients ({@code v1:<createdAt>:<runId>}
 * in URL-safe base64); filters are not in it, so the caller passes the same filters with it.
 */
public final class RunPage {
  /** Newest first, as listed. */
  public static final Comparator<RunRecord> NEWEST_FIRST =
      Comparator.comparingLong(RunRecord::createdAt).thenComparing(RunRecord::runId).reversed();

  private RunPage() {}

  /**
   * What a listing asks each zone scheduler for the runs it holds ({@code all: true}, answered by
   * {@link #held}). Without a {@code limit} (older callers) the answer has every held run.
   */
  public static io.vertx.core.json.JsonObject question(Cursor after, String workflow, String state, int limit) {
    io.vertx.core.json.JsonObject q = new io.vertx.core.json.JsonObject().put("all", true).put("limit", limit);
    if (after != null) {
      q.put("afterCreatedAt", after.createdAt()).put("afterRunId", after.runId());
    }
    if (workflow != null) {
      q.put("workflow", workflow);
    }
    if (state != null) {
      q.put("state", state);
    }
    return q;
  }

  /**
   * A scheduler's answer to {@link #question}: its held runs after the cursor of the workflow
   * asked, newest first, up to {@code limit} of them in the state asked ({@code runs}); and the ids
   * of the runs passed over on the way because their state is another ({@code notInState}): the
   * maps may still hold such a run in the state asked (a batch behind), and the listing must not
   * show that older copy.
   */
  public static io.vertx.core.json.JsonObject held(java.util.Collection<RunRecord> held,
                                                   io.vertx.core.json.JsonObject q) {
    Cursor after = q.containsKey("afterRunId")
        ? new Cursor(q.getLong("afterCreatedAt"), q.getString("afterRunId")) : null;
    String workflow = q.getString("workflow");
    String state = q.getString("state");
    int limit = q.getInteger("limit", Integer.MAX_VALUE);
    io.vertx.core.json.JsonArray runs = new io.vertx.core.json.JsonArray();
    io.vertx.core.json.JsonArray notInState = new io.vertx.core.json.JsonArray();
    java.util.Iterator<RunRecord> it = held.stream()
        .filter(r -> after == null || after.before(r))
        .filter(r -> workflow == null || r.workflow().equals(workflow))
        .sorted(NEWEST_FIRST).iterator();
    while (it.hasNext() && runs.size() < limit) {
      RunRecord r = it.next();
      if (state == null || r.state().name().equalsIgnoreCase(state)) {
        runs.add(r.toJson());
      } else {
        notInState.add(r.runId());
      }
    }
    return new io.vertx.core.json.JsonObject().put("runs", runs).put("notInState", notInState);
  }

  /** A position in the listing: the last run of a page. */
  public record Cursor(long createdAt, String runId) {
    /** Whether {@code r} comes after this position (belongs to a later page). */
    public boolean before(RunRecord r) {
      return r.createdAt() < createdAt || (r.createdAt() == createdAt && r.runId().compareTo(runId) < 0);
    }

    public static Cursor of(RunRecord r) {
      return new Cursor(r.createdAt(), r.runId());
    }

    public String token() {
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString(("v1:" + createdAt + ":" + runId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position a token names.
     *
     * @throws IllegalArgumentException with a message for the user when the token is not one this
     *     API issued
     */
    public static Cursor parse(String token) {
      String raw;
      try {
        raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw bad(token);
      }
      String[] parts = raw.split(":", 3);
      if (parts.length != 3 || !parts[0].equals("v1") || parts[2].isEmpty()) {
        throw bad(token);
      }
      try {
        return new Cursor(Long.parseLong(parts[1]), parts[2]);
      } catch (NumberFormatException e) {
        throw bad(token);
      }
    }

    private static IllegalArgumentException bad(String token) {
      String shown = token.length() > 60 ? token.substring(0, 60) + "..." : token;
      return new IllegalArgumentException("pageToken '" + shown + "' is not a page token of this API; pass the "
          + "nextPageToken of the previous page unchanged, or leave pageToken out for the first page");
    }
  }
}
