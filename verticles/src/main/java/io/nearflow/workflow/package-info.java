/**
 * Workflow definitions: the model (a named, versioned set of steps with their step type,
 * source and sink adapter, placement, retry and timeout policy, and the edges between them), the
 * YAML/JSON parser that validates a file and reports every problem with its file, line and field,
 * and the on-disk repository that versions definitions and keeps them across restarts.
 *
 * <p>The orchestrator reads the precomputed graph ({@code entrySteps}, {@code next},
 * {@code isFinal}) once per hop, so the model is immutable and lookups are map reads.
 * May touch: Jackson (reading files), Vert.x {@code JsonObject} (the wire and store form) and the
 * file system (the repository only). Nothing here knows the event bus or Hazelcast.
 */
package io.nearflow.workflow;
