package io.nearflow.step.process;

import io.nearflow.step.StepSpec;
import io.nearflow.step.support.OutputTail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.logging.Logger;

/**
 * Starts one compute process for a spec on a fresh loopback port (see the package comment for
 * the handshake). Blocking (fork/exec, port probe): call on a worker thread. A port taken
 * between the probe and the process's bind makes the process exit; supervision then restarts it
 * on another port, so that race costs one backoff, never a wrong connection.
 */
final class ComputeLauncher {
  static final String HOST = "127.0.0.1";
  private static final int OUTPUT_LINES = 30;
  private static final Logger LOG = Logger.getLogger(ComputeLauncher.class.getName());

  private final StepSpec spec;

  ComputeLauncher(StepSpec spec) {
    this.spec = spec;
  }

  ComputeProcess launch() throws IOException {
    int port = freePort();
    ProcessBuilder pb = new ProcessBuilder(spec.command()).redirectErrorStream(true);
    spec.workDir().ifPresent(dir -> pb.directory(dir.toFile()));
    pb.environment().putAll(spec.env());
    pb.environment().put("NEARFLOW_COMPUTE_HOST", HOST);
    pb.environment().put("NEARFLOW_COMPUTE_PORT", Integer.toString(port));
    pb.environment().put("NEARFLOW_COMPUTE_SLOTS", Integer.toString(spec.slots()));
    pb.environment().put("NEARFLOW_STEP_TYPE", spec.type());
    Process p = pb.start();
    p.getOutputStream().close();
    String prefix = "step process " + spec.type() + " [" + p.pid() + "] ";
    OutputTail output = OutputTail.pump(p.getInputStream(), OUTPUT_LINES, "nearflow-step-" + spec.type() + "-" + p.pid(),
        line -> LOG.info(() -> prefix + line));
    return new ComputeProcess(p, HOST, port, output);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port for a step process", e);
    }
  }
}
