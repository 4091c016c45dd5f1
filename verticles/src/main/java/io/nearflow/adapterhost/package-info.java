/**
 * The adapter role: opens this host's data adapters (local-fs by default) with the cluster's
 * data master as registry and the cluster view as peer directory, mounts the peer transfer
 * endpoint on the node's HTTP server, and shares the adapters with the agent of the same node.
 * May touch: the adapters module, the node's router and services, the event bus (data master).
 */
package io.nearflow.adapterhost;
