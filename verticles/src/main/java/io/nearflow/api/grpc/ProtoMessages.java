package io.nearflow.api.grpc;

import io.nearflow.api.grpc.v1.DataUnit;
import io.nearflow.api.grpc.v1.Hop;
import io.nearflow.api.grpc.v1.HopDurations;
import io.nearflow.api.grpc.v1.HopState;
import io.nearflow.api.grpc.v1.Locality;
import io.nearflow.api.grpc.v1.Run;
import io.nearflow.api.grpc.v1.RunEvent;
import io.nearflow.api.grpc.v1.RunState;
import io.nearflow.api.grpc.v1.Workflow;
import io.nearflow.api.grpc.v1.WorkflowStep;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Locale;

/**
 * The components' JSON (the same the HTTP API answers) as {@code nearflow.v1} messages. Enum
 * values follow the names, so a state or event type added later maps to the UNSPECIFIED value
 * instead of failing the call.
 */
final class ProtoMessages {
  private ProtoMessages() {}

  static Workflow workflow(JsonObject j) {
    Workflow.Builder b = Workflow.newBuilder().setName(j.getString("name", "")).setVersion(j.getInteger("version", 0))
        .setDescription(j.getString("description", "")).setDefinitionJson(j.encode());
    for (Object o : j.getJsonArray("steps", new JsonArray())) {
      JsonObject s = (JsonObject) o;
      JsonObject placement = s.getJsonObject("placement", new JsonObject());
      b.addSteps(WorkflowStep.newBuilder().setName(s.getString("name", "")).setType(s.getString("type", ""))
          .addAllFollows(strings(s.getJsonArray("follows"))).addAllZones(strings(placement.getJsonArray("zones")))
          .addAllHosts(strings(placement.getJsonArray("hosts"))));
    }
    return b.build();
  }

  static Run run(JsonObject j) {
    Run.Builder b = Run.newBuilder().setRunId(j.getString("runId", "")).setWorkflow(j.getString("workflow", ""))
        .setWorkflowVersion(j.getInteger("workflowVersion", 0))
        .setState(enumValue(RunState.class, "RUN_STATE_", j.getString("state"), RunState.RUN_STATE_UNSPECIFIED))
        .setCreatedAtMicros(j.getLong("createdAt", 0L)).setEndedAtMicros(j.getLong("endedAt", 0L))
        .setOutstanding(j.getInteger("outstanding", 0)).setFailureReason(j.getString("failureReason", ""))
        .addAllHopIds(strings(j.getJsonArray("hopIds")));
    if (j.getJsonObject("input") != null) {
      b.setInput(dataUnit(j.getJsonObject("input")));
    }
    j.getJsonArray("finalOutputs", new JsonArray()).forEach(o -> b.addFinalOutputs(dataUnit((JsonObject) o)));
    j.getJsonArray("hops", new JsonArray()).forEach(o -> b.addHops(hop((JsonObject) o)));
    return b.build();
  }

  static Hop hop(JsonObject j) {
    JsonObject d = j.getJsonObject("durationsMs", new JsonObject());
    return Hop.newBuilder().setHopId(j.getString("hopId", "")).setRunId(j.getString("runId", ""))
        .setStep(j.getString("step", "")).setStepType(j.getString("stepType", ""))
        .setState(enumValue(HopState.class, "HOP_STATE_", j.getString("state"), HopState.HOP_STATE_UNSPECIFIED))
        .setInputUnitId(j.getJsonObject("input", new JsonObject()).getString("id", ""))
        .setInstanceId(j.getString("instanceId", "")).setInstanceHost(j.getString("instanceHost", ""))
        .setInstanceZone(j.getString("instanceZone", "")).setAttempt(j.getInteger("attempt", 0))
        .setQueuedAtMicros(j.getLong("queuedAt", 0L)).setRoutedAtMicros(j.getLong("routedAt", 0L))
        .setDispatchedAtMicros(j.getLong("dispatchedAt", 0L)).setCompletedAtMicros(j.getLong("completedAt", 0L))
        .setDurations(HopDurations.newBuilder().setTotalMs(d.getDouble("total", 0.0)).setDataMs(d.getDouble("data", 0.0))
            .setPullMs(d.getDouble("pull", 0.0)).setComputeMs(d.getDouble("compute", 0.0))
            .setPushMs(d.getDouble("push", 0.0)).setControlMs(d.getDouble("control", 0.0))
            .setQueuedMs(d.getDouble("queued", 0.0)))
        .setBytesPulled(j.getLong("bytesPulled", 0L)).setPullMethod(j.getString("pullMethod", ""))
        .addAllOutputIds(strings(j.getJsonArray("outputIds"))).setFailureKind(j.getString("failureKind", ""))
        .setError(j.getString("error", "")).build();
  }

  static DataUnit dataUnit(JsonObject j) {
    JsonObject loc = j.getJsonObject("locality", new JsonObject());
    String created = j.getString("createdAt");
    Instant at = created == null ? Instant.EPOCH : Instant.parse(created);
    return DataUnit.newBuilder().setId(j.getString("id", "")).setAdapter(j.getString("adapter", ""))
        .setLocator(j.getString("locator", "")).setSizeBytes(j.getLong("sizeBytes", 0L))
        .setChecksum(j.getString("checksum", ""))
        .setLocality(Locality.newBuilder().setHost(loc.getString("host", "?")).setZone(loc.getString("zone", "?")))
        .setProducerHopId(j.getString("producerHopId", ""))
        .setCreatedAtMicros(at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000).build();
  }

  /** {@code run-state}, {@code hop-succeeded}, ... as {@code TYPE_RUN_STATE}, {@code TYPE_HOP_SUCCEEDED}. */
  static RunEvent event(String type, JsonObject payload, long atMicros) {
    RunEvent.Builder b = RunEvent.newBuilder().setName(type).setAtMicros(atMicros)
        .setType(enumValue(RunEvent.Type.class, "TYPE_", type.replace('-', '_'), RunEvent.Type.TYPE_UNSPECIFIED));
    if (type.startsWith("hop-")) {
      b.setHop(hop(payload));
    } else {
      b.setRun(run(payload));
    }
    return b.build();
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String prefix, String name, E unknown) {
    if (name == null) {
      return unknown;
    }
    try {
      return Enum.valueOf(type, prefix + name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return unknown;
    }
  }

  private static Iterable<String> strings(JsonArray a) {
    return a == null ? java.util.List.of() : a.stream().map(String::valueOf).toList();
  }
}
