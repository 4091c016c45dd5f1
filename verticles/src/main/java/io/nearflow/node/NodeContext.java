package io.nearflow.node;

import com.hazelcast.core.HazelcastInstance;
import io.nearflow.cluster.ClusterView;
import io.vertx.ext.web.Router;
import io.vertx.grpc.server.GrpcServer;
import java.time.Clock;

/**
 * What a role verticle receives from the node runtime: the node's config, the live cluster view,
 * the node's shared HTTP router and gRPC server (one HTTP port and one gRPC port per node; roles
 * mount their routes and services before the servers start listening), the Hazelcast member for
 * cluster state, services shared between roles, and the node's one clock.
 */
public record NodeContext(NodeConfig config, ClusterView view, Router router, GrpcServer grpc,
                          HazelcastInstance hazelcast, NodeServices services, Clock clock) {

  public Timeouts timeouts() {
    return Timeouts.from(config.settings());
  }
}
