package io.nearflow.protocol;

/**
 * Every event-bus address Nearflow uses. The event bus picks consumers round-robin and cannot
 * filter by node metadata, so a message for one node carries the node id in its address.
 * Version suffixes ({@code .v1}) change when a contract changes incompatibly.
 */
public final class Addresses {
  private Addresses() {}

  /** Any orchestrator: start a run for a data unit. Body {@link StartRun}; reply {@code {runId}}. */
  public static final String START_RUN = "nearflow.orchestrator.start-run.v1";

  /** Any orchestrator: cancel or retry a run. Body {@code {runId}}. */
  public static final String CANCEL_RUN = "nearflow.orchestrator.cancel-run.v1";
  public static final String RETRY_RUN = "nearflow.orchestrator.retry-run.v1";

  /** Workflow definition service (on orchestrator nodes). */
  public static final String WORKFLOWS = "nearflow.orchestrator.workflows.v1";

  /** The orchestrator that dispatched a hop receives its outcome here. Body {@link HopOutcome}. */
  public static String hopOutcome(String orchestratorNodeId) {
    return "nearflow.orchestrator." + orchestratorNodeId + ".hop-outcome.v1";
  }

  /**
   * The zone scheduler on one orchestrator node (see {@code ZoneSchedulers}): start a run whose
   * input is in a zone it schedules. Body {@link StartRun}; reply the run record.
   */
  public static String schedulerStartRun(String orchestratorNodeId) {
    return scheduler(orchestratorNodeId, "start-run");
  }

  /** The zone scheduler on one node: an agent's instances and booked hops. Body {@link AgentReport}. */
  public static String schedulerAgents(String orchestratorNodeId) {
    return scheduler(orchestratorNodeId, "agents");
  }

  /**
   * The zone scheduler on one node: a hop that finished on an instance it schedules but was
   * dispatched by another orchestrator (e.g. before a fail-over). Body {@code {instanceId, token}}.
   */
  public static String schedulerSlotFreed(String orchestratorNodeId) {
    return scheduler(orchestratorNodeId, "slot-freed");
  }

  /**
   * The zone scheduler on one node: take over a hop another zone's scheduler spilled to this one
   * (idempotent by hop id and attempt). Body {@code {hop, producerStep}}; reply {@code {taken}}.
   */
  public static String schedulerHandOff(String orchestratorNodeId) {
    return scheduler(orchestratorNodeId, "hand-off");
  }

  /**
   * The zone scheduler on one node: apply a change to a run homed in a zone it schedules. Body
   * {@code {runId, change, hop?}}; reply the change's result ({@code {run, added}}), or
   * {@code {missing: true}} when there is no such run.
   */
  public static String schedulerRunChange(String orchestratorNodeId) {
    return scheduler(orchestratorNodeId, "run-change");
  }

  /**
   * The zone scheduler on one node: a run homed in a zone it schedules, as it holds it now. Body
   * {@code {runId, withHops?}}, or {@code {all: true}} for every run it holds; reply {@code {run, hops}}
   * (the hop records it holds for the run; {@code {run}} alone when {@code withHops} is false),
   * {@code {runs: [...]}}, or {@code {missing: true}}.
   */
  public static String schedulerRun(String orchestratorNodeId) {
    return scheduler(orchestratorNodeId, "run");
  }

  /**
   * The zone scheduler on one node: the data registry of the zones it schedules (register,
   * remove, forget, locate, unit). See {@code datamaster.ZoneUnits}.
   */
  public static String schedulerUnits(String orchestratorNodeId) {
    return scheduler(orchestratorNodeId, "units");
  }

  /**
   * A standby orchestrator on one node: a batch of the records its zone's scheduler holds (hop and
   * run records, changes waiting for another zone's answer), so it can take the zone over without
   * reading a cluster map. Body {@code {from, hops, runs, outbox, handover?}} (a null value removes
   * the key); reply {@code {}}.
   */
  public static String schedulerReplica(String orchestratorNodeId) {
    return scheduler(orchestratorNodeId, "replica");
  }

  /** The address of one operation of the zone scheduler on one node. */
  private static String scheduler(String orchestratorNodeId, String operation) {
    return "nearflow.scheduler." + orchestratorNodeId + "." + operation + ".v1";
  }

  /** Published by every zone scheduler: its {@link CapacitySummary}, on change and as a heartbeat. */
  public static final String CAPACITY = "nearflow.scheduler.capacity.v1";

  /** The agent of one node: run a hop. Body {@link HopDispatch}; reply {@code {accepted}} at once. */
  public static String agentDispatch(String agentNodeId) {
    return "nearflow.agent." + agentNodeId + ".dispatch.v1";
  }

  /** The agent of one node: cancel a hop if it still runs. Body {@code {hopId}}. */
  public static String agentCancel(String agentNodeId) {
    return "nearflow.agent." + agentNodeId + ".cancel.v1";
  }

  /**
   * The adapter role of one node: delete local copies of units the data master has retired. Body:
   * {@code {units: [unit, ...]}}, each unit's locality naming the copy.
   */
  public static String adapterDelete(String adapterNodeId) {
    return "nearflow.adapter." + adapterNodeId + ".delete.v2";
  }

  /** Work tracker queries (any work-tracker node): runs and hops. */
  public static final String WORK_TRACKER = "nearflow.worktracker.query.v1";

  /** Data master (any data-master node): register, locate, remove, list units. */
  public static final String DATA_MASTER = "nearflow.datamaster.v1";

  /** Distance calculator: published on every change of the distance tables. */
  public static final String DISTANCE_TABLES = "nearflow.distance.tables.v1";

  /** Distance calculator: ask for the current tables (any distance node). */
  public static final String DISTANCE_GET = "nearflow.distance.get.v1";
}
