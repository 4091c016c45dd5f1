package io.nearflow.orchestrator;

import io.nearflow.workflow.WorkflowDefinition;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One workflow name's entry in the cluster map: every version ever registered, oldest first, and
 * up to which version they are deleted. A delete hides versions; it does not forget their
 * numbers. Every orchestrator caches the versions it has read by {@code name@version}, and runs
 * record the version they started with, so a number must name one content for ever: registering
 * a name again after a delete continues the numbering.
 *
 * <p>Versions are looked up by their number, not their position: a history offered back from a
 * node's disk after a full restart starts at the first version that was not deleted.
 */
final class WorkflowHistory {
  private final JsonArray versions;
  private final int deletedThrough;

  private WorkflowHistory(JsonArray versions, int deletedThrough) {
    this.versions = versions;
    this.deletedThrough = deletedThrough;
  }

  /** @param json the map's value; null for a name never registered */
  static WorkflowHistory of(String json) {
    if (json == null) {
      return new WorkflowHistory(new JsonArray(), 0);
    }
    JsonObject j = new JsonObject(json);
    return new WorkflowHistory(j.getJsonArray("versions", new JsonArray()), j.getInteger("deletedThrough", 0));
  }

  /**
   * A name whose every version up to {@code through} is deleted, as a node's disk remembers it:
   * offered back after a full restart so the numbering continues there too.
   */
  static String deletedThrough(int through) {
    return new WorkflowHistory(new JsonArray(), through).encode();
  }

  /** The highest version number ever handed out (deleted or not), 0 for none. */
  int lastNumber() {
    return Math.max(lastVersion(), deletedThrough);
  }

  private int lastVersion() {
    return versions.isEmpty() ? 0 : number(versions.getJsonObject(versions.size() - 1));
  }

  /** @param version 0 for the latest; empty when unknown or deleted */
  Optional<WorkflowDefinition> live(int version) {
    int wanted = version == 0 ? lastVersion() : version;
    if (wanted <= deletedThrough) {
      return Optional.empty();
    }
    for (int i = versions.size() - 1; i >= 0; i--) {
      JsonObject v = versions.getJsonObject(i);
      if (number(v) == wanted) {
        return Optional.of(WorkflowDefinition.fromJson(v));
      }
    }
    return Optional.empty();
  }

  /** The versions not deleted, oldest first. */
  List<WorkflowDefinition> liveVersions() {
    List<WorkflowDefinition> out = new ArrayList<>();
    for (int i = 0; i < versions.size(); i++) {
      if (number(versions.getJsonObject(i)) > deletedThrough) {
        out.add(WorkflowDefinition.fromJson(versions.getJsonObject(i)));
      }
    }
    return out;
  }

  boolean hasLive() {
    return lastVersion() > deletedThrough;
  }

  WorkflowHistory withRegistered(WorkflowDefinition stored) {
    return new WorkflowHistory(versions.copy().add(stored.toJson()), deletedThrough);
  }

  /** Every version so far deleted; their numbers stay taken. */
  WorkflowHistory deleted() {
    return new WorkflowHistory(versions, lastNumber());
  }

  String encode() {
    JsonObject j = new JsonObject().put("versions", versions);
    if (deletedThrough > 0) {
      j.put("deletedThrough", deletedThrough);
    }
    return j.encode();
  }

  private static int number(JsonObject version) {
    return version.getInteger("version", 0);
  }
}
