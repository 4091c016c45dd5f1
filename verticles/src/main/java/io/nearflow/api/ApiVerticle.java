package io.nearflow.api;

import io.nearflow.api.grpc.v1.ClusterServiceGrpcService;
import io.nearflow.api.grpc.v1.GetTopologyRequest;
import io.nearflow.api.grpc.v1.Node;
import io.nearflow.api.grpc.v1.Topology;
import io.nearflow.cluster.ClusterSnapshot;
import io.nearflow.node.NodeContext;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Mounts the HTTP API under {@code /api/v1} and the gRPC services on the node's servers. */
public final class ApiVerticle extends VerticleBase {
  private final NodeContext node;

  public ApiVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    Router api = Router.router(vertx);
    api.get("/topology").handler(this::topology);
    api.get("/health").handler(this::health);
    api.route().last().handler(rc -> ApiErrors.send(rc, 404, "no such API path: " + rc.request().method() + " " + rc.request().path()));
    node.router().route("/api/v1/*").subRouter(api);
    node.grpc().addService(new ClusterGrpc());
    return Future.succeededFuture();
  }

  private void topology(RoutingContext rc) {
    ClusterSnapshot s = node.view().snapshot();
    rc.json(s.toJson().put("topology", node.config().topology().name()));
  }

  private void health(RoutingContext rc) {
    rc.json(new JsonObject().put("status", "UP").put("nodeId", node.config().nodeId())
        .put("clusterSize", node.view().snapshot().size()));
  }

  private final class ClusterGrpc extends ClusterServiceGrpcService {
    @Override
    public Future<Topology> getTopology(GetTopologyRequest request) {
      ClusterSnapshot s = node.view().snapshot();
      Topology.Builder t = Topology.newBuilder().addAllZones(s.zones());
      s.nodes().forEach(n -> t.addNodes(Node.newBuilder()
          .setNodeId(n.nodeId()).setZone(n.zone()).setHost(n.host()).addAllRoles(n.roles())));
      return Future.succeededFuture(t.build());
    }
  }
}
