package io.nearflow.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One-line log records on stderr (stdout is kept for machine-readable output such as
 * {@code demo --json}). Hazelcast and Netty are quiet unless {@code NEARFLOW_LOG_LEVEL} asks.
 */
public final class Logs {
  /** JUL keeps loggers weakly: hold the ones whose level we set, or the setting is lost. */
  private static final java.util.List<Logger> CONFIGURED = new java.util.ArrayList<>();

  private Logs() {}

  public static void setup() {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT.%1$tL %4$-7s %3$s: %5$s%6$s%n");
    }
    Level level = Level.parse(System.getenv().getOrDefault("NEARFLOW_LOG_LEVEL", "INFO"));
    Logger root = Logger.getLogger("");
    root.setLevel(level);
    for (var h : root.getHandlers()) {
      h.setLevel(level);
    }
    Level libraries = level.intValue() <= Level.FINE.intValue() ? level : Level.WARNING;
    for (String name : new String[] {"com.hazelcast", "io.netty", "io.vertx"}) {
      Logger l = Logger.getLogger(name);
      l.setLevel(libraries);
      CONFIGURED.add(l);
    }
  }
}
