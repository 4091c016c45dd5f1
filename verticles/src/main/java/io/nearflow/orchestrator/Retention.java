package io.nearflow.orchestrator;

import io.nearflow.cluster.ClusterView;
import io.nearflow.cluster.NodeDescriptor;
import io.nearflow.data.DataLocation;
import io.nearflow.data.DataUnit;
import io.nearflow.data.RetentionPolicy;
import io.nearflow.protocol.Addresses;
import io.nearflow.datamaster.EventBusDataRegistry;
import io.nearflow.workflow.StepDefinition;
import io.nearflow.workflow.WorkflowDefinition;
import io.nearflow.worktracker.HopRecord;
import io.nearflow.worktracker.RunRecord;
import io.nearflow.worktracker.WorkTracker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Deletes intermediate data units once every hop that consumes them has succeeded (the policy
 * itself is {@link RetentionPolicy}: final outputs and submitted inputs are kept). The consumers
 * of a unit are the next steps of the step that produced it; whichever consumer finishes last
 * triggers the deletion (two finishing together both trigger it; deleting is idempotent). Every
 * copy goes: the adapter of each host that holds one is asked to delete it.
 */
final class Retention {
  private static final Logger LOG = Logger.getLogger(Retention.class.getName());

  private final Vertx vertx;
  private final WorkTracker tracker;
  private final ClusterView view;
  private final long timeoutMs;

  Retention(Vertx vertx, WorkTracker tracker, ClusterView view, long timeoutMs) {
    this.vertx = vertx;
    this.tracker = tracker;
    this.view = view;
    this.timeoutMs = timeoutMs;
  }

  /** Called after {@code hop} succeeded and {@code run} recorded it. */
  void hopSucceeded(WorkflowDefinition wf, HopRecord hop, RunRecord run) {
    DataUnit input = hop.input();
    boolean finalOutput = run.finalOutputs().stream().anyMatch(u -> u.id().equals(input.id()));
    if (input.producerHop().isEmpty() || !RetentionPolicy.defaultFor(finalOutput).deletesWhenConsumed()) {
      return;
    }
    tracker.hop(input.producerHopId()).onSuccess(producer -> {
      if (producer == null) {
        return;
      }
      Set<String> finished = new HashSet<>(run.finishedHopIds());
      List<StepDefinition> consumers = wf.next(producer.step());
      boolean allConsumed = consumers.stream()
          .allMatch(c -> finished.contains(HopIds.hopId(run.runId(), c.name(), input.id())));
      if (allConsumed) {
        delete(input);
      }
    });
  }

  private void delete(DataUnit unit) {
    new EventBusDataRegistry(vertx, unit.locality(), timeoutMs).entry(unit.id()).onSuccess(entry -> {
          for (Object o : entry.getJsonArray("copies")) {
            DataLocation copy = DataLocation.fromJson((JsonObject) o);
            for (NodeDescriptor n : view.snapshot().nodes()) {
              if (n.runs("adapter") && n.host().equals(copy.locality().host())) {
                vertx.eventBus().send(Addresses.adapterDelete(n.nodeId()), unit.withLocality(copy.locality()).toJson());
              }
            }
          }
        }).onFailure(err -> LOG.fine("intermediate unit " + unit.id() + " not deleted: " + err.getMessage()));
  }
}
