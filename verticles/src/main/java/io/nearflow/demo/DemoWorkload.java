package io.nearflow.demo;

import io.nearflow.adapters.PushRequest;
import io.nearflow.data.DataUnit;
import io.nearflow.node.NearflowNode;
import io.nearflow.cluster.ZoneSchedulers;
import io.nearflow.protocol.Addresses;
import io.nearflow.protocol.IdempotentRequests;
import io.nearflow.protocol.RunEventStream;
import io.nearflow.protocol.StartRun;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.DeliveryOptions;
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
      String address = ZoneSchedulers.startRunAddress(via.view().snapshot(), via.config().topology(),
          in.locality().zone());
      ends.add(via.vertx().eventBus().<JsonObject>request(address, new StartRun(workflow, 0, in).toJson(), CALL)
          .compose(reply -> awaitEnd(via, reply.body().getString("runId"))));
    }
    return Future.all(ends).map(cf -> cf.<JsonObject>list());
  }

  /**
   * The run once it has ended, with its hops: follows the node's run event stream, checks the
   * run's state once after subscribing (it may have ended already), and re-reads it every second
   * as a safety net (events are at most once).
   */
  public static Future<JsonObject> awaitEnd(NearflowNode via, String runId) {
    Promise<Void> ended = Promise.promise();
    long poll = via.vertx().setPeriodic(1_000, id -> runState(via, runId).onSuccess(state -> {
      if (!"RUNNING".equals(state)) {
        ended.tryComplete();
      }
    }));
    return RunEventStream.of(via.vertx()).watch(runId, event -> {
      if ("run-ended".equals(event.getString("type"))) {
        ended.tryComplete();
      }
    }).compose(unsubscribe -> runState(via, runId).compose(state -> {
      if (!"RUNNING".equals(state)) {
        ended.tryComplete();
      }
      return ended.future();
    }).eventually(() -> {
      via.vertx().cancelTimer(poll);
      unsubscribe.run();
      return Future.succeededFuture();
    })).compose(v -> getRun(via, runId));
  }

  /** The run's state alone (no hops): a cheaper read than {@link #getRun}. */
  private static Future<String> runState(NearflowNode via, String runId) {
    return IdempotentRequests.<JsonObject>request(via.vertx(), Addresses.WORK_TRACKER,
        new JsonObject().put("action", "getRun").put("runId", runId).put("withHops", false), 30_000, 3)
        .map(m -> m.body().getString("state"));
  }

  public static Future<JsonObject> getRun(NearflowNode via, String runId) {
    return IdempotentRequests.<JsonObject>request(via.vertx(), Addresses.WORK_TRACKER,
        new JsonObject().put("action", "getRun").put("runId", runId), 30_000, 3).map(m -> m.body());
  }
}
