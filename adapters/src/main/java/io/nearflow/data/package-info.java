/**
 * The data-unit contract shared by adapters, agents, the orchestrator and the data master.
 *
 * <p>A {@link io.nearflow.data.DataUnit} is an immutable reference to one piece of data; the bytes
 * stay in an adapter's store. {@link io.nearflow.data.DataRegistry} is the data master's contract
 * as seen by everybody else (register, locate, remove). This package holds plain data, JSON
 * mapping and id rules only: no I/O, no adapter logic, nothing that would pull an adapter
 * implementation into the orchestrator.
 */
package io.nearflow.data;
