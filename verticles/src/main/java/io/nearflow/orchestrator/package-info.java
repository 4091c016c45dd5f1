/**
 * The orchestrator, one zone scheduler per zone: starts runs, decides which steps come next,
 * routes each hop through the routing core, books slots, dispatches to the chosen agent, and
 * handles outcomes, retries, queueing and cancellation.
 *
 * <p>Where the state of the hop path lives (design note: {@code verticles/ZONE-LOCAL-CONTROL.md}):
 * <ul>
 *   <li>Which node schedules a zone is computed, not elected: the zone's live orchestrator with
 *       the smallest node id, or for a zone without one the nearest zone's scheduler
 *       ({@code cluster.ZoneSchedulers}). The other orchestrators of a zone are standbys.</li>
 *   <li>Slots: the scheduler's in-memory {@link io.nearflow.orchestrator.SlotTable}, fed by its
 *       agents' reports; it is the only writer, so booking is local and exact.</li>
 *   <li>Other zones' capacity: their schedulers' published summaries. A hop routed to another
 *       zone is handed to that zone's scheduler in one idempotent message (spillback).</li>
 *   <li>Runs: the home zone's scheduler holds them in memory ({@link io.nearflow.orchestrator.RunBook})
 *       and applies their changes; records reach the cluster maps through a batched feed.</li>
 *   <li>Data units registered in a zone: that zone's scheduler ({@code datamaster.ZoneUnits}).</li>
 * </ul>
 * May touch: the event bus, the work tracker, the routing core, workflow definitions.
 */
package io.nearflow.orchestrator;
