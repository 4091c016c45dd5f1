package io.nearflow.api;

import io.nearflow.adapters.localfs.PeerHttpOptions;
import io.nearflow.adapters.localfs.PeerUploadClient;
import io.nearflow.api.core.ComponentCalls;
import io.nearflow.api.core.DataSubmission;
import io.nearflow.api.core.TopologyReport;
import io.nearflow.api.core.UploadTargets;
import io.nearflow.api.grpc.ClusterGrpcApi;
import io.nearflow.api.grpc.NearflowGrpcApi;
import io.nearflow.api.http.HttpApi;
import io.nearflow.node.NodeContext;
import io.nearflow.cluster.CapacityView;
import io.nearflow.cluster.ZoneSchedulers;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * Lifecycle shell of the public APIs: builds the shared pieces ({@link ComponentCalls},
 * {@link DataSubmission}) from the {@code api.*} settings, mounts the HTTP routes under
 * {@code /api/v1} on the node's router and adds the gRPC services to the node's gRPC server
 * (the node turns server reflection on). The routes are listed in {@code nearflow/openapi.yaml},
 * served at {@code GET /api/v1/openapi.yaml}; the RPCs in {@code nearflow_api.proto}.
 * Every error is JSON ({@link ApiErrors}), unknown paths too.
 */
public final class ApiVerticle extends VerticleBase {
  static final String OPENAPI_RESOURCE = "nearflow/openapi.yaml";

  private final NodeContext node;
  private PeerUploadClient uploads;
  private CapacityView capacity;
  /** A scheduler's summary older than this is not shown (heartbeats come every second). */
  private static final long CAPACITY_STALE_MS = 5000;

  public ApiVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    ApiOptions options = ApiOptions.from(node.config().settings());
    ComponentCalls calls = new ComponentCalls(vertx, options.requestTimeout(),
        zone -> ZoneSchedulers.startRunAddress(node.view().snapshot(), node.config().topology(), zone));
    uploads = PeerUploadClient.create(vertx, PeerHttpOptions.defaults().withTransferTimeout(options.uploadTimeout()));
    DataSubmission submissions = new DataSubmission(node, calls, new UploadTargets(), uploads);
    capacity = new CapacityView(node.clock(), CAPACITY_STALE_MS, null);
    TopologyReport topology = new TopologyReport(vertx, capacity, node.hazelcast().getMap("nearflow.breakers"));
    return capacity.start(vertx).compose(c -> vertx.fileSystem().readFile(OPENAPI_RESOURCE)).map(openApi -> {
      node.router().route("/api/v1/*").subRouter(
          HttpApi.router(vertx, options, node, calls, submissions, topology, openApi));
      node.grpc().addService(new ClusterGrpcApi(node.view()));
      node.grpc().addService(new NearflowGrpcApi(vertx, calls, submissions, options, node.clock()));
      return null;
    });
  }

  @Override
  public Future<?> stop() {
    if (capacity != null) {
      capacity.close();
    }
    return uploads == null ? Future.succeededFuture() : uploads.close();
  }
}
