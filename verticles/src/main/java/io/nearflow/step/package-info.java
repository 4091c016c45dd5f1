/**
 * The step contract: what a framework agent calls to run one hop on one step instance, and
 * how an agent's config declares an instance's implementation. One contract, three kinds:
 * a {@link io.nearflow.step.JavaStep} in the agent's JVM, an external long-lived process
 * speaking the gRPC compute protocol, and a command run once per hop. {@link
 * io.nearflow.step.StepFactory} is the single entry point that turns a {@link
 * io.nearflow.step.StepSpec} into a running {@link io.nearflow.step.Step}.
 *
 * <p>Failures are typed so the breaker logic can separate "the step raised its own error"
 * ({@link io.nearflow.step.StepFailedException}, never a reason to open a breaker) from "the
 * target is sick" ({@link io.nearflow.step.StepTimeoutException}, {@link
 * io.nearflow.step.StepUnavailableException}).
 *
 * <p>May touch: Vert.x core and gRPC client, the local file system, OS processes. Knows nothing
 * of the cluster, the work tracker or data adapters: it sees local files only.
 */
package io.nearflow.step;
