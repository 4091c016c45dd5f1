package io.nearflow.orchestrator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Hop and run ids. A hop id is derived from (run, step, input unit): the same work always gets
 * the same id, so a re-delivered "data available" or a re-routed hop cannot create a second hop,
 * and the hop's outputs (whose ids derive from the hop id) register only once.
 */
final class HopIds {
  private HopIds() {}

  /** A new run homed in {@code zone} (see {@link io.nearflow.worktracker.RunHome}). */
  static String newRunId(String zone) {
    return io.nearflow.worktracker.RunHome.newRunId(zone, UUID.randomUUID().toString().replace("-", "").substring(0, 16));
  }

  static String hopId(String runId, String step, String inputUnitId) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256")
          .digest((runId + '\n' + step + '\n' + inputUnitId).getBytes(StandardCharsets.UTF_8));
      return runId + "-" + HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JVM", e);
    }
  }
}
