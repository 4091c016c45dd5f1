package io.nearflow.orchestrator;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/**
 * Deletes every version of a workflow on the owner of its name, keeping their numbers taken (see
 * {@link WorkflowHistory}). Returns whether there was a version to delete.
 */
final class DeleteWorkflow implements EntryProcessor<String, String, Boolean> {
  private static final long serialVersionUID = 1L;

  @Override
  public Boolean process(Map.Entry<String, String> entry) {
    WorkflowHistory history = WorkflowHistory.of(entry.getValue());
    if (!history.hasLive()) {
      return false;
    }
    entry.setValue(history.deleted().encode());
    return true;
  }
}
