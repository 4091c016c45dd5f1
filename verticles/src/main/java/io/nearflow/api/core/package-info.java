/**
 * Transport-neutral API logic shared by HTTP and gRPC: the event-bus calls to the components with
 * their timeouts and failure naming ({@link io.nearflow.api.core.ApiFailure}), choosing an upload's
 * host, streaming data in and starting its run, following a run's events, and the topology report.
 * May touch the event bus, the cluster view, the work tracker's maps (read only) and the local-fs
 * adapter's upload client; knows nothing of HTTP routing or protobuf.
 */
package io.nearflow.api.core;
