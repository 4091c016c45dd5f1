package io.nearflow.api.http;

import io.nearflow.api.ApiErrors;
import io.nearflow.api.ApiOptions;
import io.nearflow.api.core.ComponentCalls;
import io.nearflow.api.core.DataSubmission;
import io.nearflow.api.core.TopologyReport;
import io.nearflow.node.NodeContext;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The router mounted at {@code /api/v1}: every route family, then a JSON 404 for any other path
 * and a JSON failure handler. No body handler sits in front of the whole API: upload bodies
 * stream to an adapter, so only the routes that take a small body (workflow files, JSON) buffer
 * it, up to {@link ApiOptions#maxJsonBytes()}.
 */
public final class HttpApi {
  private HttpApi() {}

  public static Router router(Vertx vertx, ApiOptions options, NodeContext node, ComponentCalls calls,
                              DataSubmission submissions, TopologyReport topology, Buffer openApi) {
    Router api = Router.router(vertx);
    BodyHandler boundedBody = BodyHandler.create(false).setBodyLimit(options.maxJsonBytes());
    new WorkflowRoutes(calls).mount(api, boundedBody);
    new SubmitRoutes(submissions, options).mount(api, boundedBody);
    new RunRoutes(calls).mount(api);
    new ClusterRoutes(node, topology, openApi).mount(api);
    api.route().last().handler(rc -> ApiErrors.send(rc, 404, "no such API path: " + rc.request().method() + " "
        + rc.request().path() + "; the API is described at GET /api/v1/openapi.yaml"));
    api.route().failureHandler(rc -> ApiErrors.routerFailure(rc, options.maxJsonBytes()));
    return api;
  }
}
