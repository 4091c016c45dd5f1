package io.nearflow.demo;

import io.nearflow.adapters.PushRequest;
import io.nearflow.data.DataUnit;
import io.nearflow.node.NearflowNode;
import io.nearflow.protocol.Addresses;
import io.nearflow.protocol.IdempotentRequests;
import io.nearflow.protocol.StartRun;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Puts {@code files} files of {@code sizeBytes} random bytes into a host's store (as an upload at
 * that host would), starts a run of {@code workflow} for each, and completes with every run's
 * final record once all have ended. Runs end-detection is event-driven (the run's events), with a
 * slow poll as a safety net for an event missed while subscribing.
 */
public final class DemoWorkload {
  private static final DeliveryOptions CALL = new DeliveryOptions().setSendTimeout(30_000);

  private DemoWorkload() {}

  public static List<DataUnit> inject(NearflowNode host, Path scratch, int files, long sizeBytes, long seed) throws IOException {
    Files.createDirectories(scratch);
    List<DataUnit> units = new ArrayList<>();
    Random random = new Random(seed);
    byte[] block = new byte[64 * 1024];
    for (int i = 0; i < files; i++) {
      Path f = scratch.resolve(host.config().host() + "-" + i + ".bin");
      try (OutputStream out = Files.newOutputStream(f)) {
        for (long left = sizeBytes; left > 0; left -= block.length) {
          random.nextBytes(block);
          out.write(block, 0, (int) Math.min(block.length, left));
        }
      }
      units.add(host.services().adapters().compose(a -> a.adapter("local-fs").push(f, PushRequest.external()))
          .toCompletionStage().toCompletableFuture().join());
    }
    return units;
  }

  /** Starts one run per unit through {@code via}; completes with the ended runs (with hops). */
  public static Future<List<JsonObject>> runAll(NearflowNode via, String workflow, List<DataUnit> inputs) {
    List<Future<JsonObject>> ends = new ArrayList<>();
    for (DataUnit in : inputs) {
      ends.add(via.vertx().eventBus().<JsonObject>request(Addresses.START_RUN, new StartRun(workflow, 0, in).toJson(), CALL)
          .compose(reply -> awaitEnd(via, reply.body().getString("runId"))));
    }
    return Future.all(ends).map(cf -> cf.<JsonObject>list());
  }

  public static Future<JsonObject> awaitEnd(NearflowNode via, String runId) {
    Promise<Void> ended = Promise.promise();
    MessageConsumer<JsonObject> c = via.vertx().eventBus().consumer(Addresses.runEvents(runId), m -> {
      if ("run-ended".equals(m.body().getString("type"))) {
        ended.tryComplete();
      }
    });
    long poll = via.vertx().setPeriodic(1_000, id -> getRun(via, runId).onSuccess(r -> {
      if (!"RUNNING".equals(r.getString("state"))) {
        ended.tryComplete();
      }
    }));
    return c.completion().compose(v -> getRun(via, runId)).compose(r -> {
      if (!"RUNNING".equals(r.getString("state"))) {
        ended.tryComplete();
      }
      return ended.future();
    }).compose(v -> {
      via.vertx().cancelTimer(poll);
      c.unregister();
      return getRun(via, runId);
    });
  }

  public static Future<JsonObject> getRun(NearflowNode via, String runId) {
    return IdempotentRequests.<JsonObject>request(via.vertx(), Addresses.WORK_TRACKER,
        new JsonObject().put("action", "getRun").put("runId", runId), 30_000, 3).map(m -> m.body());
  }
}
