/**
 * The benchmark testbed of issue 7: the article's experiments on an emulated three-zone testbed
 * (one JVM per emulated host, cgroup v1 CPU quotas, user-space link EMULATION by relays), the
 * Nearflow routing modes side by side with an ephemeral-step MODEL of Argo-style execution, the
 * per-hop time split for shuffle and echo steps, and a micro benchmark in one JVM and across JVMs.
 * Entry point: {@link io.nearflow.bench.testbed.BenchMain} via
 * {@code bench/run.sh}.
 */
package io.nearflow.bench.testbed;
