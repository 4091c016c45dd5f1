/**
 * The embedded demo's workload and report: injects files into edge hosts, starts one run per
 * file, waits for every run to end, and summarises hops (data / compute / control time, local vs
 * remote pulls, cross-zone bytes). The benchmarks reuse it.
 * May touch: the event bus (as a client of the public contracts), the node runtime.
 */
package io.nearflow.demo;
