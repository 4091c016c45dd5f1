/**
 * The {@code command} step kind: one OS process per hop, for compatibility with existing tools
 * and as the baseline the long-lived kinds are measured against. May touch: OS processes and the
 * hop's output directory.
 */
package io.nearflow.step.command;
