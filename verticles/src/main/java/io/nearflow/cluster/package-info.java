/**
 * The live cluster view: every node's zone, host, roles and endpoints, kept current from
 * Hazelcast membership events, readable on any node without a remote call. Zones, hosts and
 * nodes appear and disappear here when JVMs join and leave.
 * May touch: Hazelcast's membership API and one replicated map of endpoints.
 */
package io.nearflow.cluster;
