package io.nearflow.api.core;

import io.nearflow.adapters.localfs.LocalFsAdapter;
import io.nearflow.adapters.localfs.PeerUploadClient;
import io.nearflow.data.DataUnit;
import io.nearflow.node.NodeContext;
import io.nearflow.node.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Data entering a workflow: either bytes uploaded to a host's adapter, or a unit an adapter
 * already holds; either way a run starts for it. Uploads go in two steps so that a doomed upload
 * moves no byte: {@link #prepare} checks the workflow and picks the target host while the body
 * waits paused, then {@link #upload} streams it. The bytes go straight to the target's adapter
 * ({@code POST /data/v1/units} on its HTTP server), or into this node's own adapter when this node
 * is the target; they never sit in memory here and never travel on the event bus.
 */
public final class DataSubmission {
  private final NodeContext node;
  private final ComponentCalls calls;
  private final UploadTargets targets;
  private final PeerUploadClient uploads;

  /** An upload that may start: its workflow exists and its target host is chosen. */
  public record Prepared(String workflow, int version, UploadTargets.Target target) {}

  public DataSubmission(NodeContext node, ComponentCalls calls, UploadTargets targets, PeerUploadClient uploads) {
    this.node = node;
    this.calls = calls;
    this.targets = targets;
    this.uploads = uploads;
  }

  public Future<Prepared> prepare(String workflow, int version, Optional<String> zone, Optional<String> host) {
    return calls.workflow(workflow, version)
        .map(wf -> new Prepared(workflow, version, targets.pick(node.view().snapshot(), zone, host)));
  }

  /**
   * Streams {@code bytes} to the prepared target and starts the run. Call it on the context that
   * owns the source stream. Completes with the run's JSON.
   *
   * @param length the exact length when the client announced it (lets the target refuse early)
   */
  public Future<JsonObject> upload(Prepared p, ByteStream<?> bytes, OptionalLong length, Optional<String> checksum,
                                   Optional<String> unitId) {
    Optional<LocalFsAdapter> here = ownAdapter(p.target());
    Future<DataUnit> stored = here.isPresent()
        ? here.get().ingest(bytes, checksum, unitId)
        : uploads.upload(p.target().http(), bytes, length, checksum, unitId);
    return stored
        .recover(err -> Future.failedFuture(bytes.failure()
            .orElseGet(() -> ApiFailure.of(err, "the adapter on host " + p.target().host()))))
        .compose(unit -> calls.startRun(p.workflow(), p.version(), unit));
  }

  /** Starts a run for a unit the data master knows; 404 if it does not, 409 if no copy is reachable. */
  public Future<JsonObject> existing(String workflow, int version, String unitId) {
    return calls.workflow(workflow, version).compose(wf -> calls.unit(unitId)).compose(entry -> {
      JsonArray copies = entry.getJsonArray("copies", new JsonArray());
      boolean reachable = copies.isEmpty() || copies.stream()
          .anyMatch(c -> ((JsonObject) c).getBoolean("reachable", true));
      if (!reachable) {
        return Future.failedFuture(new ApiFailure(409, "data unit " + unitId
            + " has no reachable copy: every host holding it has left the cluster"));
      }
      DataUnit unit;
      try {
        unit = DataUnit.fromJson(entry.getJsonObject("unit"));
      } catch (RuntimeException e) {
        return Future.failedFuture(ApiFailure.of(e, "the data master"));
      }
      return calls.startRun(workflow, version, unit);
    });
  }

  /**
   * This node's own local-fs adapter when the target is this node: saves a loopback HTTP copy.
   * Read synchronously (the adapter role starts before the API role), so that ingest runs on the
   * caller's context, which owns the body stream.
   */
  private Optional<LocalFsAdapter> ownAdapter(UploadTargets.Target target) {
    if (!target.node().nodeId().equals(node.config().nodeId()) || !node.config().runs(Role.ADAPTER)
        || !node.services().adapters().succeeded()) {
      return Optional.empty();
    }
    return node.services().adapters().result().find(LocalFsAdapter.NAME)
        .filter(LocalFsAdapter.class::isInstance).map(LocalFsAdapter.class::cast);
  }
}
