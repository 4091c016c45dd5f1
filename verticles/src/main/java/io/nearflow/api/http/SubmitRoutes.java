package io.nearflow.api.http;

import io.nearflow.adapters.localfs.LocalFsPeerEndpoint;
import io.nearflow.api.ApiErrors;
import io.nearflow.api.ApiOptions;
import io.nearflow.api.core.ApiFailure;
import io.nearflow.api.core.ByteStream;
import io.nearflow.api.core.DataSubmission;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code POST /workflows/{name}/runs?version=}: data enters a workflow and a run starts (201 with
 * the run, {@code Location: /api/v1/runs/{runId}}). Two forms, told apart by content type:
 *
 * <ul>
 *   <li>{@code application/json} {@code {"unitId": "..."}}: a unit an adapter already holds
 *       (404 if the data master does not know it).
 *   <li>any other type: the body is the data. {@code ?zone=} and/or {@code ?host=} say where it
 *       lives (400 listing the zones and adapter hosts otherwise); optional headers
 *       {@code X-Nearflow-Checksum} ({@code sha256:<hex>}, verified by the target before storing)
 *       and {@code X-Nearflow-Unit-Id} (makes a retried upload safe). The body is streamed to the
 *       target host's adapter with back-pressure, never buffered. The workflow and target are
 *       checked first, while the body waits: a client sending {@code Expect: 100-continue} sends
 *       nothing for a refused upload. 413 when {@code Content-Length} or the bytes sent exceed
 *       the limit. To upload a JSON file, send it as {@code application/octet-stream}.
 * </ul>
 */
public final class SubmitRoutes {
  /** How long a refused upload may go on sending before its connection is closed. */
  private static final long LINGER_MS = 2_000;

  private final DataSubmission submissions;
  private final ApiOptions options;

  public SubmitRoutes(DataSubmission submissions, ApiOptions options) {
    this.submissions = submissions;
    this.options = options;
  }

  public void mount(Router api, BodyHandler boundedBody) {
    api.post("/workflows/:name/runs").consumes("application/json").handler(boundedBody).handler(this::existingUnit);
    api.post("/workflows/:name/runs").handler(this::upload);
  }

  private void existingUnit(RoutingContext rc) {
    String unitId;
    try {
      unitId = rc.body().asJsonObject().getString("unitId");
    } catch (DecodeException | ClassCastException | NullPointerException e) {
      unitId = null;
    }
    if (unitId == null || unitId.isBlank()) {
      ApiErrors.send(rc, 400, "a JSON body must be {\"unitId\": \"<id of a registered data unit>\"}; "
          + "to upload data, send the bytes with another content type (e.g. application/octet-stream)");
      return;
    }
    submissions.existing(rc.pathParam("name"), RouteSupport.version(rc), unitId.trim())
        .onSuccess(run -> RouteSupport.created(rc, run, "/api/v1/runs/" + run.getString("runId")))
        .onFailure(err -> ApiErrors.fail(rc, err));
  }

  private void upload(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    request.pause(); // before anything asynchronous: the body waits for its target
    int version;
    OptionalLong length;
    try {
      version = RouteSupport.version(rc);
      length = contentLength(request);
    } catch (ApiFailure f) {
      refuse(rc, f);
      return;
    }
    submissions.prepare(rc.pathParam("name"), version, RouteSupport.query(rc, "zone"), RouteSupport.query(rc, "host"))
        .compose(prepared -> {
          if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            rc.response().writeContinue();
          }
          return submissions.upload(prepared, ByteStream.of(request, b -> b, options.maxUploadBytes()), length,
              Optional.ofNullable(request.getHeader(LocalFsPeerEndpoint.CHECKSUM_HEADER)),
              Optional.ofNullable(request.getHeader(LocalFsPeerEndpoint.UNIT_ID_HEADER)));
        })
        .onSuccess(run -> RouteSupport.created(rc, run, "/api/v1/runs/" + run.getString("runId")))
        .onFailure(err -> refuse(rc, err));
  }

  private OptionalLong contentLength(HttpServerRequest request) {
    String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (header == null) {
      return OptionalLong.empty();
    }
    long n;
    try {
      n = Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      throw ApiFailure.badRequest("Content-Length must be a number of bytes, was '" + header + "'");
    }
    if (n > options.maxUploadBytes()) {
      throw new ApiFailure(413, "the upload announces " + n + " bytes; this API accepts at most "
          + options.maxUploadBytes() + " bytes per upload");
    }
    return OptionalLong.of(n);
  }

  /**
   * Answers the error, then reads and drops what the client still sends for a moment before
   * closing: closing with unread data makes the kernel reset the connection, which can destroy
   * the answer before the client reads it.
   */
  private static void refuse(RoutingContext rc, Throwable err) {
    ApiErrors.fail(rc, err);
    HttpServerRequest request = rc.request();
    if (request.isEnded()) {
      return;
    }
    if (request.version() == HttpVersion.HTTP_2) {
      rc.response().reset(0); // NO_ERROR: "stop sending, the answer is complete" (RFC 9113, 8.1)
      return;
    }
    long closer = rc.vertx().setTimer(LINGER_MS, t -> request.connection().close());
    request.handler(dropped -> { });
    request.exceptionHandler(gone -> rc.vertx().cancelTimer(closer));
    request.endHandler(v -> rc.vertx().cancelTimer(closer));
    request.resume();
  }
}
