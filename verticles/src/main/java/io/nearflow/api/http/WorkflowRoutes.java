package io.nearflow.api.http;

import io.nearflow.api.ApiErrors;
import io.nearflow.api.core.ComponentCalls;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Workflow definitions, served by the orchestrators' workflow service.
 *
 * <ul>
 *   <li>{@code POST /workflows}: the body is a workflow file, YAML or JSON text (any content
 *       type); optional {@code ?source=} names it in error messages. 201 with the definition as
 *       registered (its version) and {@code Location}; 400 with the first problem found.
 *   <li>{@code GET /workflows}: {@code {workflows: [...]}}, every version.
 *   <li>{@code GET /workflows/{name}?version=}: one definition, the latest without a version.
 *   <li>{@code DELETE /workflows/{name}}: every version; {@code {deleted: name}}.
 * </ul>
 */
public final class WorkflowRoutes {
  private final ComponentCalls calls;

  public WorkflowRoutes(ComponentCalls calls) {
    this.calls = calls;
  }

  /** {@code boundedBody} buffers bodies up to the JSON limit (413 beyond). */
  public void mount(Router api, BodyHandler boundedBody) {
    api.post("/workflows").handler(boundedBody).handler(this::register);
    api.get("/workflows").handler(this::list);
    api.get("/workflows/:name").handler(this::get);
    api.delete("/workflows/:name").handler(this::delete);
  }

  private void register(RoutingContext rc) {
    String content = rc.body().asString("UTF-8");
    if (content == null || content.isBlank()) {
      ApiErrors.send(rc, 400, "send the workflow file (YAML or JSON) as the request body");
      return;
    }
    String source = RouteSupport.query(rc, "source").orElse("the request body");
    calls.registerWorkflow(content, source)
        .onSuccess(wf -> RouteSupport.created(rc, wf,
            "/api/v1/workflows/" + wf.getString("name") + "?version=" + wf.getInteger("version", 0)))
        .onFailure(err -> ApiErrors.fail(rc, err));
  }

  private void list(RoutingContext rc) {
    RouteSupport.reply(rc, 200, calls.workflows());
  }

  private void get(RoutingContext rc) {
    RouteSupport.reply(rc, 200, calls.workflow(rc.pathParam("name"), RouteSupport.version(rc)));
  }

  private void delete(RoutingContext rc) {
    RouteSupport.reply(rc, 200, calls.deleteWorkflow(rc.pathParam("name")));
  }
}
