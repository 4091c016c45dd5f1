package io.nearflow.worktracker;

import java.io.Serializable;
import java.util.Set;

/**
 * The hops booked on one step instance and its limit, as stored in the load map. Keeping the hop
 * ids (not just a count) makes booking and releasing idempotent: the agent that ran a hop and the
 * orchestrator that gave up on it may both release it, and a retried release never frees a slot
 * twice. {@code version} grows with every change so caches fed by events and by booking replies
 * can tell which of two values is newer.
 */
public record LoadRecord(Set<String> booked, int slots, long version) implements Serializable {
  public LoadRecord {
    booked = Set.copyOf(booked);
  }

  /** What a booking is keyed by: one attempt of one hop (a retry books afresh). */
  public static String token(String hopId, int attempt) {
    return hopId + "#" + attempt;
  }

  public int inFlight() {
    return booked.size();
  }

  public boolean hasCapacity() {
    return booked.size() < slots;
  }

  LoadRecord with(String hopId) {
    java.util.HashSet<String> next = new java.util.HashSet<>(booked);
    next.add(hopId);
    return new LoadRecord(next, slots, version + 1);
  }

  LoadRecord without(String hopId) {
    java.util.HashSet<String> next = new java.util.HashSet<>(booked);
    next.remove(hopId);
    return new LoadRecord(next, slots, version + 1);
  }
}
