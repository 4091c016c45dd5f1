package io.nearflow.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Errors are JSON with a message a person can act on; never a stack trace. */
public final class ApiErrors {
  private ApiErrors() {}

  public static void send(RoutingContext rc, int status, String message) {
    rc.response().setStatusCode(status).putHeader("content-type", "application/json")
        .end(new JsonObject().put("error", message).put("status", status).encode());
  }
}
