/**
 * The {@code java} step kind: finds a {@link io.nearflow.step.JavaStep} (ServiceLoader or class
 * name) and runs it on a worker pool sized to the instance's slots, with the hop's timeout.
 * May touch: Vert.x worker executors and class loading; never the event loop's thread.
 */
package io.nearflow.step.jvm;
