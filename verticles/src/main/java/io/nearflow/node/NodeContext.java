package io.nearflow.node;

import io.nearflow.cluster.ClusterView;
import io.vertx.ext.web.Router;
import io.vertx.grpc.server.GrpcServer;

/**
 * What a role verticle receives from the node runtime: the node's config, the live cluster view,
 * and the node's shared HTTP router and gRPC server (one HTTP port and one gRPC port per node;
 * roles mount their routes and services before the servers start listening).
 */
public record NodeContext(NodeConfig config, ClusterView view, Router router, GrpcServer grpc) {}
