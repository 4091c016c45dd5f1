/**
 * The work tracker: the cluster-wide record of hops and runs, in Hazelcast maps with one backup
 * (so losing any one node loses nothing). Slots are not booked here any more: each zone
 * scheduler keeps the exact slot table of its zone in memory (see the orchestrator package).
 * Runs are listed a page at a time over their creation time ({@link io.nearflow.worktracker.RunPage}),
 * and the records of ended runs expire after the record retention
 * ({@link io.nearflow.worktracker.RecordRetention}); both read the runs map through indexes.
 * May touch: Hazelcast maps, the protocol records.
 */
package io.nearflow.worktracker;
