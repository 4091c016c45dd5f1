package io.nearflow.step.process;

import io.nearflow.step.support.OutputTail;
import io.vertx.core.net.SocketAddress;

/** One started compute process: the OS process, where it serves, and what it printed last. */
record ComputeProcess(Process process, String host, int port, OutputTail output) {

  SocketAddress address() {
    return SocketAddress.inetSocketAddress(port, host);
  }

  long pid() {
    return process.pid();
  }

  /** "; last output:\n..." for messages a person reads, or "" when it printed nothing. */
  String lastOutput() {
    String tail = output.text();
    return tail.isEmpty() ? "" : "; last output:\n" + tail;
  }
}
