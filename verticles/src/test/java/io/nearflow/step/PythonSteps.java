package io.nearflow.step;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Locates the example Python step and checks that Debian's gRPC packages are installed. Tests
 * fail (never skip) without them, naming the packages, so a CI without them cannot pass green.
 */
final class PythonSteps {
  static final String PYTHON = "/usr/bin/python3";
  static final String INSTALL = "apt-get install -y python3-grpcio python3-protobuf";

  private PythonSteps() {}

  /** {@code deploy/steps/python-upper}, found from the module directory the tests run in. */
  static Path upperDir() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      Path candidate = d.resolve("deploy/steps/python-upper");
      if (Files.isRegularFile(candidate.resolve("upper_step.py"))) {
        return candidate;
      }
    }
    throw new AssertionError("deploy/steps/python-upper/upper_step.py not found above " + dir);
  }

  static void requireGrpc() throws Exception {
    String out = run(PYTHON, "-c", "import grpc, google.protobuf");
    if (out != null) {
      throw new AssertionError("the Python step tests need Debian's gRPC for " + PYTHON + " (" + out.trim()
          + "); install it with: " + INSTALL);
    }
  }

  /** Runs a short command; null when it exits 0, else its output. */
  static String run(String... argv) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    } catch (IOException e) {
      return e.getMessage();
    }
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "timed out: " + String.join(" ", argv);
    }
    return p.exitValue() == 0 ? null : out + " (exit " + p.exitValue() + ")";
  }
}
