package io.nearflow.orchestrator;

import com.hazelcast.map.EntryProcessor;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * At start-up an orchestrator offers the versions it kept on disk; the cluster keeps whichever
 * history is longer (versions only grow, so the longer one contains the other).
 */
final class MergeWorkflowVersions implements EntryProcessor<String, String, Boolean> {
  private static final long serialVersionUID = 1L;
  private final String historyJson;

  MergeWorkflowVersions(String historyJson) {
    this.historyJson = historyJson;
  }

  @Override
  public Boolean process(Map.Entry<String, String> entry) {
    int offered = new JsonObject(historyJson).getJsonArray("versions").size();
    int known = entry.getValue() == null ? 0 : new JsonObject(entry.getValue()).getJsonArray("versions").size();
    if (offered > known) {
      entry.setValue(historyJson);
      return true;
    }
    return false;
  }
}
