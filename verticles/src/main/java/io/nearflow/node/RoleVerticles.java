package io.nearflow.node;

import io.nearflow.adapterhost.AdapterVerticle;
import io.nearflow.agent.AgentVerticle;
import io.nearflow.api.ApiVerticle;
import io.nearflow.datamaster.DataMasterVerticle;
import io.nearflow.distance.DistanceVerticle;
import io.nearflow.orchestrator.OrchestratorVerticle;
import io.nearflow.worktracker.WorkTrackerVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Which verticle each role deploys. Roles deploy in {@link Role} order. */
final class RoleVerticles {
  private RoleVerticles() {}

  static Future<Void> deploy(Vertx vertx, Role role, NodeContext context) {
    return switch (role) {
      case DISTANCE -> vertx.deployVerticle(new DistanceVerticle(context)).mapEmpty();
      case DATA_MASTER -> vertx.deployVerticle(new DataMasterVerticle(context, context.hazelcast())).mapEmpty();
      case WORK_TRACKER -> vertx.deployVerticle(new WorkTrackerVerticle(context)).mapEmpty();
      case ADAPTER -> vertx.deployVerticle(new AdapterVerticle(context)).mapEmpty();
      case AGENT -> vertx.deployVerticle(new AgentVerticle(context)).mapEmpty();
      case ORCHESTRATOR -> vertx.deployVerticle(new OrchestratorVerticle(context)).mapEmpty();
      case API -> vertx.deployVerticle(new ApiVerticle(context)).mapEmpty();
    };
  }
}
