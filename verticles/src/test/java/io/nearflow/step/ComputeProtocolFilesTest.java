package io.nearflow.step;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import io.nearflow.step.process.grpc.v1.NearflowComputeProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Python message classes are committed (hosts need no compiler). This keeps them describing
 * the same protocol as the proto the Java side is generated from: it compares the file
 * descriptor embedded in the Python module with the Java one, so no protoc is needed here.
 */
class ComputeProtocolFilesTest {

  @BeforeAll
  static void needsPythonProtobuf() throws Exception {
    PythonSteps.requireGrpc();
  }

  @Test
  void theCommittedPythonMessagesDescribeTheSameProtocolAsTheProto() throws Exception {
    Path dir = PythonSteps.upperDir();
    Process p = new ProcessBuilder(PythonSteps.PYTHON, "-c",
        "import sys; sys.path.insert(0, sys.argv[1]); import nearflow_compute_pb2 as m; "
            + "sys.stdout.buffer.write(m.DESCRIPTOR.serialized_pb)", dir.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    p.getOutputStream().close();
    byte[] pythonDescriptor = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();

    FileDescriptorProto python = FileDescriptorProto.parseFrom(pythonDescriptor);
    FileDescriptorProto java = NearflowComputeProto.getDescriptor().toProto();
    assertThat(python)
        .as("deploy/steps/python-upper/nearflow_compute_pb2.py is stale: run deploy/steps/python-upper/generate.sh")
        .isEqualTo(java);
    assertThat(Files.isExecutable(dir.resolve("upper_step.py"))).isTrue();
  }
}
