/**
 * The data master: the registry of where every live data unit is (unit id → locations, size,
 * checksum, producer hop). State lives in a Hazelcast map with one backup, so losing the node
 * that runs a data master loses nothing and any other data-master node answers. Locations on a
 * host that left are marked unreachable, not forgotten; an adapter that comes back re-announces.
 * May touch: Hazelcast, the event bus, the data-unit contract, the distance tables.
 */
package io.nearflow.datamaster;
