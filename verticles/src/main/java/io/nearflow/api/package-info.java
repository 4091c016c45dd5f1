/**
 * The public APIs: HTTP (Vert.x Web, under {@code /api/v1}) and gRPC (Vert.x gRPC, the
 * {@code nearflow.v1} services in {@code src/main/proto}, with server reflection). Thin: each
 * route or RPC delegates to a component over the event bus or reads the cluster view.
 */
package io.nearflow.api;
