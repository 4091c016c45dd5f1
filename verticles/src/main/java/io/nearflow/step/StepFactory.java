package io.nearflow.step;

import io.nearflow.step.command.CommandStep;
import io.nearflow.step.jvm.JavaStepLookup;
import io.nearflow.step.jvm.JavaStepRunner;
import io.nearflow.step.process.ComputeProcessOptions;
import io.nearflow.step.process.ComputeProcessStep;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The one way to turn a {@link StepSpec} into a running {@link Step}. A {@code process} step's
 * future completes once its process answers Describe; a declaration that cannot work (unknown
 * class, process that does not start) fails the future with a message saying why.
 */
public final class StepFactory {
  private StepFactory() {}

  public static Future<Step> create(Vertx vertx, StepSpec spec) {
    return create(vertx, spec, ComputeProcessOptions.defaults());
  }

  /** As {@link #create(Vertx, StepSpec)}, with the supervision timings of {@code process} steps. */
  public static Future<Step> create(Vertx vertx, StepSpec spec, ComputeProcessOptions processOptions) {
    switch (spec.kind()) {
      case JAVA:
        // ServiceLoader scans jars and may run static initialisers: not on the event loop.
        return vertx.executeBlocking(() -> new JavaStepRunner(vertx,
            JavaStepLookup.find(spec.type(), spec.className(), JavaStep.class.getClassLoader()), spec.slots()), false);
      case COMMAND:
        return Future.succeededFuture(new CommandStep(vertx, spec));
      case PROCESS:
        return ComputeProcessStep.start(vertx, spec, processOptions);
      default:
        throw new IllegalStateException("unhandled step kind " + spec.kind());
    }
  }
}
