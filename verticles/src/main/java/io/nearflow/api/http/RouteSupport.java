package io.nearflow.api.http;

import io.nearflow.api.ApiErrors;
import io.nearflow.api.core.ApiFailure;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/** What every route does the same way: read query parameters, answer JSON or a JSON error. */
final class RouteSupport {
  private RouteSupport() {}

  /** Answers {@code status} with the future's JSON, or its failure as a JSON error. */
  static void reply(RoutingContext rc, int status, Future<JsonObject> result) {
    result.onSuccess(json -> {
      if (!rc.response().ended() && !rc.response().closed()) {
        rc.response().setStatusCode(status);
        rc.json(json);
      }
    }).onFailure(err -> ApiErrors.fail(rc, err));
  }

  /** 201 with a {@code Location} header. */
  static void created(RoutingContext rc, JsonObject json, String location) {
    rc.response().setStatusCode(201).putHeader(HttpHeaders.LOCATION, location);
    rc.json(json);
  }

  /** A query parameter, absent when missing or blank. */
  static Optional<String> query(RoutingContext rc, String name) {
    return Optional.ofNullable(rc.queryParams().get(name)).map(String::trim).filter(s -> !s.isEmpty());
  }

  /** A whole-number query parameter within bounds; 400 naming the parameter otherwise. */
  static int intQuery(RoutingContext rc, String name, int absent, int min, int max) {
    Optional<String> raw = query(rc, name);
    if (raw.isEmpty()) {
      return absent;
    }
    try {
      int n = Integer.parseInt(raw.get());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiFailure.badRequest("query parameter '" + name + "' must be a whole number from " + min + " to " + max
        + ", was '" + raw.get() + "'");
  }

  /** {@code ?version=}: 0 (or absent) = the latest version. */
  static int version(RoutingContext rc) {
    return intQuery(rc, "version", 0, 0, Integer.MAX_VALUE);
  }
}
