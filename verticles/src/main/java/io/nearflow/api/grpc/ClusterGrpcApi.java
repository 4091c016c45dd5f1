package io.nearflow.api.grpc;

import io.nearflow.api.grpc.v1.ClusterServiceGrpcService;
import io.nearflow.api.grpc.v1.GetTopologyRequest;
import io.nearflow.api.grpc.v1.Node;
import io.nearflow.api.grpc.v1.Topology;
import io.nearflow.cluster.ClusterSnapshot;
import io.nearflow.cluster.ClusterView;
import io.vertx.core.Future;

/** {@code nearflow.v1.ClusterService}: the live cluster view, read locally without a remote call. */
public final class ClusterGrpcApi extends ClusterServiceGrpcService {
  private final ClusterView view;

  public ClusterGrpcApi(ClusterView view) {
    this.view = view;
  }

  @Override
  public Future<Topology> getTopology(GetTopologyRequest request) {
    ClusterSnapshot s = view.snapshot();
    Topology.Builder t = Topology.newBuilder().addAllZones(s.zones());
    s.nodes().forEach(n -> t.addNodes(Node.newBuilder()
        .setNodeId(n.nodeId()).setZone(n.zone()).setHost(n.host()).addAllRoles(n.roles())));
    return Future.succeededFuture(t.build());
  }
}
