package io.nearflow.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.spi.merge.MergingValue;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** After a split, the workflow history that reached the higher version wins, from either side of the merge. */
class WorkflowHistoryMergePolicyTest {
  private final WorkflowHistoryMergePolicy policy = new WorkflowHistoryMergePolicy();

  private static String history(int... versions) {
    JsonArray arr = new JsonArray();
    for (int v : versions) {
      arr.add(new JsonObject().put("version", v).put("name", "wf"));
    }
    return new JsonObject().put("versions", arr).put("deletedThrough", 0).encode();
  }

  private static MergingValue<Object> value(String json) {
    return new MergingValue<>() {
      @Override
      public Object getValue() {
        return json;
      }

      @Override
      public Object getRawValue() {
        return json;
      }
    };
  }

  @Test
  void the_side_that_registered_during_the_split_keeps_its_versions_whether_it_merges_in_or_survives() {
    String registeredApart = history(1, 2, 3);
    String untouched = history(1, 2);
    assertThat(policy.merge(value(registeredApart), value(untouched))).isEqualTo(registeredApart);
    assertThat(policy.merge(value(untouched), value(registeredApart))).isEqualTo(registeredApart);
  }

  @Test
  void an_entry_only_one_side_has_is_kept() {
    String h = history(1);
    assertThat(policy.merge(value(h), null)).isEqualTo(h);
  }

  @Test
  void a_deletion_made_apart_wins_over_the_older_history() {
    String deleted = WorkflowHistory.deletedThrough(2);
    assertThat(policy.merge(value(history(1)), value(deleted))).isEqualTo(deleted);
  }
}
