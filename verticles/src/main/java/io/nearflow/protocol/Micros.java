package io.nearflow.protocol;

import java.time.Clock;
import java.time.Instant;

/** Timestamps as epoch microseconds from the node's one clock (tests may pass a fixed clock). */
public final class Micros {
  private Micros() {}

  public static long now(Clock clock) {
    Instant i = clock.instant();
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
  }
}
