/**
 * The node runtime: a node's typed configuration, the roles it runs, starting one clustered
 * Vert.x node (Hazelcast, zone/host identity, event bus address) and deploying its role
 * verticles, an embedded multi-node cluster for the demo and the tests, and graceful shutdown.
 * May touch: Vert.x, Hazelcast, the config loader, the cluster view.
 */
package io.nearflow.node;
