/**
 * The gRPC services: implementations of the classes generated from {@code nearflow_api.proto} and
 * {@code nearflow_cluster.proto} (package {@code io.nearflow.api.grpc.v1}), translating between
 * protobuf messages and {@code api.core}, and API failures into gRPC statuses.
 */
package io.nearflow.api.grpc;
