package io.nearflow.orchestrator;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;

/**
 * How {@code nearflow.workflows} merges after a split: of the two version histories of a workflow
 * the one that reaches the higher version number is kept, whichever side of the merge it comes
 * from. Only one side of a split may register ({@link RegistrationQuorum}), so the other side's
 * history is a prefix of it; Hazelcast's default (put-if-absent) kept the surviving cluster's
 * entry, which dropped the versions the other side registered when that side was the one that
 * merged in (it is the smaller by members, not by zones). The same rule as a disk copy offered at
 * start-up ({@link MergeWorkflowVersions}). Set in code on the map, so an operator's Hazelcast file
 * cannot lose it.
 */
public final class WorkflowHistoryMergePolicy implements SplitBrainMergePolicy<Object, MergingValue<Object>, Object> {
  private static final long serialVersionUID = 1L;

  @Override
  public Object merge(MergingValue<Object> merging, MergingValue<Object> existing) {
    if (existing == null) {
      return merging.getRawValue();
    }
    if (merging == null) {
      return existing.getRawValue();
    }
    int offered = WorkflowHistory.of(String.valueOf(merging.getValue())).lastNumber();
    int known = WorkflowHistory.of(String.valueOf(existing.getValue())).lastNumber();
    return offered > known ? merging.getRawValue() : existing.getRawValue();
  }

  @Override
  public void writeData(ObjectDataOutput out) {
    // no state
  }

  @Override
  public void readData(ObjectDataInput in) {
    // no state
  }
}
