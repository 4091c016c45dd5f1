/**
 * The data adapter contract: the per-host service that turns a data unit into a local file for a
 * step ({@code pull}) and a step's output file into a new data unit ({@code push}).
 *
 * <p>The orchestrator and the framework agent depend only on this package and on
 * {@code io.nearflow.data}. Each kind of storage lives in its own sub-package (e.g.
 * {@code localfs}) and is found by name through {@link io.nearflow.adapters.AdapterRegistry}, so
 * adding one never touches the orchestrator. Also here: what adapters need from the node
 * ({@link io.nearflow.adapters.AdapterContext}, {@link io.nearflow.adapters.PeerDirectory}) and
 * the traffic counters benchmarks read ({@link io.nearflow.adapters.TransferStats}).
 */
package io.nearflow.adapters;
