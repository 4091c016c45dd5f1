package io.nearflow.orchestrator;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/**
 * At start-up an orchestrator offers the versions it kept on disk; the cluster keeps whichever
 * history reaches the higher version number (versions only grow, so that one contains the
 * other; a disk copy lacks the versions deleted before it was written).
 */
final class MergeWorkflowVersions implements EntryProcessor<String, String, Boolean> {
  private static final long serialVersionUID = 1L;
  private final String historyJson;

  MergeWorkflowVersions(String historyJson) {
    this.historyJson = historyJson;
  }

  @Override
  public Boolean process(Map.Entry<String, String> entry) {
    int offered = WorkflowHistory.of(historyJson).lastNumber();
    int known = WorkflowHistory.of(entry.getValue()).lastNumber();
    if (offered > known) {
      entry.setValue(historyJson);
      return true;
    }
    return false;
  }
}
