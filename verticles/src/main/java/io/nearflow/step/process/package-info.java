/**
 * The {@code process} step kind: an external long-lived process in any language, started and
 * supervised by the agent, speaking the gRPC compute protocol of {@code nearflow_compute.proto}
 * (the article's container sidecar, without a container runtime).
 *
 * <p>Handshake: the agent picks a free loopback port and starts the command with
 * {@code NEARFLOW_COMPUTE_HOST}, {@code NEARFLOW_COMPUTE_PORT}, {@code NEARFLOW_COMPUTE_SLOTS}
 * and {@code NEARFLOW_STEP_TYPE} in its environment; the process serves {@code Compute} there.
 * An environment variable rather than "print your port on stdout": any language can read one,
 * and stdout stays free for the process's own logs (which go to the agent's log).
 *
 * <p>May touch: OS processes, the Vert.x gRPC client, loopback sockets.
 */
package io.nearflow.step.process;
