package io.nearflow.node;

import io.nearflow.api.ApiVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Which verticle each role deploys. A role whose component is not part of this build yet is
 * still announced in the cluster view (so placement and the topology API see it) but deploys
 * nothing; {@link #implemented(Role)} says which.
 */
final class RoleVerticles {
  private RoleVerticles() {}

  static boolean implemented(Role role) {
    return role == Role.API;
  }

  static Future<Void> deploy(Vertx vertx, Role role, NodeContext context) {
    return switch (role) {
      case API -> vertx.deployVerticle(new ApiVerticle(context)).mapEmpty();
      default -> Future.succeededFuture();
    };
  }
}
