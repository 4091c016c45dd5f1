/**
 * The public APIs: HTTP (Vert.x Web, under {@code /api/v1}, described by
 * {@code nearflow/openapi.yaml}) and gRPC (Vert.x gRPC, the {@code nearflow.v1} services of
 * {@code src/main/proto}, with server reflection). {@link io.nearflow.api.ApiVerticle} wires them;
 * {@code core} holds what both transports share (component calls, data submission, run watches,
 * topology), {@code http} and {@code grpc} only translate. The API owns no state: it asks the
 * components over the event bus (always with a timeout), reads the cluster view, and streams
 * uploads to adapters over HTTP.
 */
package io.nearflow.api;
