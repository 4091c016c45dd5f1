package io.nearflow.api.http;

import io.nearflow.api.ApiErrors;
import io.nearflow.api.core.TopologyReport;
import io.nearflow.cluster.ClusterSnapshot;
import io.nearflow.node.NodeContext;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The cluster itself and the API's description of itself.
 *
 * <ul>
 *   <li>{@code GET /topology}: zones, nodes, hosts with their step instances and load
 *       (see {@link TopologyReport}).
 *   <li>{@code GET /health}: 200 {@code UP} when every component role has a live node, else 503
 *       {@code DEGRADED} with the {@code missing} roles: a load balancer should then send
 *       requests to another API node or wait.
 *   <li>{@code GET /openapi.yaml}: the OpenAPI 3.0 document of this API.
 * </ul>
 */
public final class ClusterRoutes {
  /** Roles without which runs cannot work. */
  static final List<String> NEEDED_ROLES = List.of("orchestrator", "work-tracker", "distance", "data-master",
      "agent", "adapter");

  private final NodeContext node;
  private final TopologyReport topology;
  private final Buffer openApi;

  public ClusterRoutes(NodeContext node, TopologyReport topology, Buffer openApi) {
    this.node = node;
    this.topology = topology;
    this.openApi = openApi;
  }

  public void mount(Router api) {
    api.get("/topology").handler(this::topology);
    api.get("/health").handler(this::health);
    api.get("/openapi.yaml").handler(this::openApi);
  }

  private void topology(RoutingContext rc) {
    topology.build(node.view().snapshot(), node.config().topology())
        .onSuccess(rc::json).onFailure(err -> ApiErrors.fail(rc, err));
  }

  private void health(RoutingContext rc) {
    ClusterSnapshot view = node.view().snapshot();
    JsonObject roles = new JsonObject();
    JsonArray missing = new JsonArray();
    for (String role : NEEDED_ROLES) {
      int n = view.withRole(role).size();
      roles.put(role, n);
      if (n == 0) {
        missing.add(role);
      }
    }
    boolean up = missing.isEmpty();
    rc.response().setStatusCode(up ? 200 : 503);
    rc.json(new JsonObject().put("status", up ? "UP" : "DEGRADED").put("nodeId", node.config().nodeId())
        .put("zone", node.config().zone()).put("host", node.config().host())
        .put("clusterSize", view.size()).put("zones", new JsonArray(view.zones())).put("roles", roles)
        .put("missing", missing));
  }

  private void openApi(RoutingContext rc) {
    rc.response().putHeader("content-type", "application/yaml; charset=utf-8").end(openApi);
  }
}
