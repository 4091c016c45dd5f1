/**
 * The distance calculator component: keeps the routing core's distance tables current from the
 * topology file and cluster membership (hosts and zones joining and leaving, the topology file
 * changing on disk) and publishes them, so every orchestrator and data master holds the current
 * tables locally and no routing decision makes a remote call.
 * May touch: the event bus, the cluster view, the topology loader, the routing core.
 */
package io.nearflow.distance;
