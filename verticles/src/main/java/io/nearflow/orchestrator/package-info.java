/**
 * The orchestrator: starts runs, decides which steps come next, routes each hop through the
 * routing core over a local copy of instances and loads, books the slot atomically in the work
 * tracker, dispatches to the chosen agent, and handles outcomes, retries, queueing and
 * cancellation. Several orchestrators may run; each owns the hops it dispatched.
 * May touch: the event bus, the work tracker, the routing core, workflow definitions.
 */
package io.nearflow.orchestrator;
