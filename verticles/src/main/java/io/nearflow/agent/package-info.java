/**
 * The framework agent, one per host: runs the host's step instances (types and slots from the
 * node config), accepts hops from orchestrators (acknowledging at once), pulls each input
 * through the source adapter, invokes the step, pushes each output through the sink adapter
 * (which registers it with the data master) and reports the outcome. It advertises its
 * instances to the work tracker and enforces each instance's slot limit.
 * May touch: the event bus, the work tracker, the node's adapters, the step layer.
 */
package io.nearflow.agent;
