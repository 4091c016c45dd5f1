/**
 * The work tracker: the cluster-wide record of hops and runs, the in-flight count of every step
 * instance, and the atomic booking of a slot. State lives in Hazelcast maps with one backup
 * (so losing any one node loses nothing); booking and releasing are entry processors that run
 * on the key's owner, so two orchestrators can never book one instance beyond its limit.
 * May touch: Hazelcast maps, the protocol records.
 */
package io.nearflow.worktracker;
