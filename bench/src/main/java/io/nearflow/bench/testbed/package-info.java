/**
 * The benchmark testbed of issue 7: the article's experiments on an emulated three-zone testbed
 * (one JVM per emulated host, cgroup v1 CPU quotas, user-space link EMULATION by relays), the
 * Nearflow routing modes side by side with an ephemeral-step MODEL of Argo-style execution, and
 * a one-JVM micro benchmark. Entry point: {@link io.nearflow.bench.testbed.BenchMain} via
 * {@code bench/run.sh}.
 */
package io.nearflow.bench.testbed;
