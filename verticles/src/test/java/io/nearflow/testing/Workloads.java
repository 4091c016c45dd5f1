package io.nearflow.testing;

import io.nearflow.adapters.PushRequest;
import io.nearflow.config.Settings;
import io.nearflow.data.DataUnit;
import io.nearflow.node.NearflowNode;
import io.nearflow.protocol.Addresses;
import io.nearflow.protocol.StartRun;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Test helpers that act as a user would: register workflows, put data on a host, start runs. */
public final class Workloads {
  private Workloads() {}

  /** Agent settings: one instance of each step type on every host. */
  public static Settings instances(Map<String, Integer> slotsByType) {
    JsonArray items = new JsonArray();
    slotsByType.forEach((type, slots) -> items.add(new JsonObject().put("type", type).put("slots", slots)));
    return new Settings().put("agent.instances", items.getList().stream()
        .map(o -> ((JsonObject) o).getMap()).toList(), "test");
  }

  public static String resource(String name) {
    try (InputStream in = Workloads.class.getClassLoader().getResourceAsStream("nearflow/workflows/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new AssertionError("no workflow resource " + name, e);
    }
  }

  public static JsonObject register(NearflowNode via, String yaml) {
    return Await.result(via.vertx().eventBus().<JsonObject>request(Addresses.WORKFLOWS,
        new JsonObject().put("action", "register").put("content", yaml).put("source", "test.yaml"))
        .map(m -> m.body()), Duration.ofSeconds(20));
  }

  /** Puts {@code size} random bytes into the store of {@code host}'s adapter (as an upload would). */
  public static DataUnit put(NearflowNode host, Path scratch, int size, long seed) {
    try {
      Files.createDirectories(scratch);
      Path f = Files.createTempFile(scratch, "in-", ".bin");
      byte[] bytes = new byte[size];
      new Random(seed).nextBytes(bytes);
      Files.write(f, bytes);
      return Await.result(host.services().adapters()
          .compose(a -> a.adapter("local-fs").push(f, PushRequest.external())), Duration.ofSeconds(30));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Starts a run as the API does: at the scheduler of the zone the input is in. */
  public static Future<JsonObject> start(NearflowNode via, String workflow, DataUnit input) {
    String address = io.nearflow.cluster.ZoneSchedulers.startRunAddress(via.view().snapshot(), via.config().topology(),
        input.locality().zone());
    return via.vertx().eventBus().<JsonObject>request(address,
        new StartRun(workflow, 0, input).toJson(), new DeliveryOptions().setSendTimeout(20_000)).map(m -> m.body());
  }

  public static JsonObject run(NearflowNode via, String runId) {
    return Await.result(via.vertx().eventBus().<JsonObject>request(Addresses.WORK_TRACKER,
        new JsonObject().put("action", "getRun").put("runId", runId)).map(m -> m.body()), Duration.ofSeconds(20));
  }

  /** Waits until every run has ended; returns their final records (with hops). */
  public static List<JsonObject> awaitEnded(NearflowNode via, List<String> runIds, Duration timeout) {
    Await.until(() -> runIds.stream().allMatch(id -> !"RUNNING".equals(run(via, id).getString("state"))),
        timeout, () -> "runs still RUNNING: " + runIds.stream().map(id -> id + "=" + run(via, id).getString("state")).toList());
    return runIds.stream().map(id -> run(via, id)).toList();
  }
}
