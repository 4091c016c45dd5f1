package io.nearflow.api;

import io.nearflow.api.core.ApiFailure;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Errors are JSON {@code {"error": message, "status": code}} with a message a person can act on;
 * never a stack trace. Every HTTP route answers its failures through here.
 */
public final class ApiErrors {
  private ApiErrors() {}

  public static void send(RoutingContext rc, int status, String message) {
    HttpServerResponse response = rc.response();
    if (response.ended() || response.closed()) {
      return; // the client went away, or an answer already left
    }
    if (response.headWritten()) {
      rc.request().connection().close(); // too late for a status: a cut response is the signal
      return;
    }
    response.setStatusCode(status).putHeader("content-type", "application/json")
        .end(new JsonObject().put("error", message).put("status", status).encode());
  }

  /** Any failure of a route's work: its {@link ApiFailure} status and message, else 500. */
  public static void fail(RoutingContext rc, Throwable err) {
    ApiFailure f = ApiFailure.of(err, "the API node");
    send(rc, f.status(), f.getMessage());
  }

  /**
   * The router's failure handler: what a handler threw or a body handler refused. Vert.x Web's
   * own answers are text; these are JSON like every other error.
   */
  public static void routerFailure(RoutingContext rc, int maxJsonBytes) {
    if (rc.failure() != null) {
      fail(rc, rc.failure());
      return;
    }
    int status = rc.statusCode() < 0 ? 500 : rc.statusCode();
    String message = switch (status) {
      case 413 -> "the request body is larger than the " + maxJsonBytes + " bytes this route accepts; "
          + "data goes to POST /api/v1/workflows/{name}/runs as a raw body";
      case 400 -> "the request is malformed";
      default -> "the request failed (HTTP " + status + ")";
    };
    send(rc, status, message);
  }
}
