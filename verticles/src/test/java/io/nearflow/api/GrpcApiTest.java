package io.nearflow.api;

import static io.nearflow.api.grpc.v1.NearflowGrpcClient.GetRun;
import static io.nearflow.api.grpc.v1.NearflowGrpcClient.RegisterWorkflow;
import static io.nearflow.api.grpc.v1.NearflowGrpcClient.SubmitData;
import static io.nearflow.api.grpc.v1.NearflowGrpcClient.WatchRun;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos;
import io.nearflow.api.grpc.v1.GetRunRequest;
import io.nearflow.api.grpc.v1.RegisterWorkflowRequest;
import io.nearflow.api.grpc.v1.Run;
import io.nearflow.api.grpc.v1.RunEvent;
import io.nearflow.api.grpc.v1.RunState;
import io.nearflow.api.grpc.v1.SubmitDataRequest;
import io.nearflow.api.grpc.v1.SubmitHeader;
import io.nearflow.api.grpc.v1.UploadTarget;
import io.nearflow.api.grpc.v1.WatchRunRequest;
import io.nearflow.api.grpc.v1.Workflow;
import io.nearflow.data.Checksums;
import io.nearflow.data.DataUnit;
import io.nearflow.node.EmbeddedCluster;
import io.nearflow.testing.Await;
import io.nearflow.testing.Workloads;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.reflection.v1.ServerReflectionRequest;
import io.vertx.grpc.reflection.v1.ServerReflectionResponse;
import io.vertx.grpc.reflection.v1.ServiceResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The gRPC API through Vert.x's generated method descriptors: every RPC and its error statuses. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcApiTest {
  @TempDir static Path dir;
  private EmbeddedCluster cluster;
  private Vertx client;
  private GrpcCalls grpc;

  @BeforeAll
  void start() {
    cluster = ApiClusters.start(getClass(), dir.resolve("nodes"));
    client = Vertx.vertx();
    grpc = new GrpcCalls(client, cluster.node("cloud1-a"));
    for (String wf : List.of(ApiClusters.ECHO, ApiClusters.SLOW, ApiClusters.HOLD)) {
      grpc.call(RegisterWorkflow, RegisterWorkflowRequest.newBuilder().setContent(wf).build()).single();
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (client != null) {
      Await.result(client.close(), Duration.ofSeconds(10));
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private static SubmitDataRequest header(String workflow, UploadTarget.Builder upload) {
    return SubmitDataRequest.newBuilder().setHeader(SubmitHeader.newBuilder().setWorkflow(workflow).setUpload(upload)).build();
  }

  /** Header then the bytes in 64 KiB chunks. */
  private static List<SubmitDataRequest> upload(String workflow, UploadTarget.Builder target, byte[] data) {
    List<SubmitDataRequest> msgs = new ArrayList<>(List.of(header(workflow, target)));
    for (int i = 0; i < data.length; i += 65_536) {
      msgs.add(SubmitDataRequest.newBuilder().setChunk(ByteString.copyFrom(data, i, Math.min(65_536, data.length - i))).build());
    }
    return msgs;
  }

  private Run submit(String workflow, String zone, byte[] data) {
    return grpc.call(SubmitData, upload(workflow, UploadTarget.newBuilder().setZone(zone), data), Duration.ofSeconds(60)).single();
  }

  private List<RunEvent> watch(String runId) {
    GrpcCalls.Outcome<RunEvent> o = grpc.call(WatchRun, List.of(WatchRunRequest.newBuilder().setRunId(runId).build()),
        Duration.ofSeconds(60));
    assertThat(o.status()).as(o.message()).isEqualTo(GrpcStatus.OK);
    return o.messages();
  }

  @Test
  void register_workflow_returns_the_definition_and_a_bad_file_is_an_invalid_argument() {
    Workflow wf = grpc.call(RegisterWorkflow, RegisterWorkflowRequest.newBuilder().setContent(ApiClusters.ECHO).build()).single();
    assertThat(wf.getName()).isEqualTo("echo1");
    assertThat(wf.getVersion()).isPositive();
    assertThat(wf.getSteps(0).getType()).isEqualTo("echo");
    var bad = grpc.call(RegisterWorkflow, RegisterWorkflowRequest.newBuilder().setContent("name: x\n").setSource("x.yaml").build());
    assertThat(bad.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(bad.message()).contains("x.yaml");
  }

  @Test
  void submitted_chunks_become_one_unit_in_the_zone_and_the_run_reads_back_with_hop_durations() {
    byte[] data = new byte[1_000_000];
    new Random(7).nextBytes(data);
    Run run = grpc.call(SubmitData, upload("echo1", UploadTarget.newBuilder().setZone("edge2")
        .setChecksum(Checksums.sha256(data)), data), Duration.ofSeconds(60)).single();
    assertThat(run.getState()).isEqualTo(RunState.RUN_STATE_RUNNING);
    assertThat(run.getInput().getSizeBytes()).isEqualTo(data.length);
    assertThat(run.getInput().getLocality().getZone()).isEqualTo("edge2");
    Await.until(() -> grpc.call(GetRun, GetRunRequest.newBuilder().setRunId(run.getRunId()).build()).single().getState()
        == RunState.RUN_STATE_SUCCEEDED, Duration.ofSeconds(60), () -> "run " + run.getRunId() + " did not succeed");
    Run done = grpc.call(GetRun, GetRunRequest.newBuilder().setRunId(run.getRunId()).build()).single();
    assertThat(done.getHopsList()).hasSize(1);
    assertThat(done.getHops(0).getDurations().getTotalMs()).isPositive();
    assertThat(done.getFinalOutputsList()).hasSize(1);
  }

  @Test
  void a_unit_an_adapter_holds_is_submitted_by_id_and_an_unknown_one_is_not_found() {
    DataUnit held = Workloads.put(cluster.node("edge1-a"), dir.resolve("scratch"), 5_000, 1);
    SubmitDataRequest byId = SubmitDataRequest.newBuilder()
        .setHeader(SubmitHeader.newBuilder().setWorkflow("echo1").setUnitId(held.id())).build();
    assertThat(grpc.call(SubmitData, byId).single().getInput().getId()).isEqualTo(held.id());
    SubmitDataRequest unknown = SubmitDataRequest.newBuilder()
        .setHeader(SubmitHeader.newBuilder().setWorkflow("echo1").setUnitId("nope")).build();
    var o = grpc.call(SubmitData, unknown);
    assertThat(o.status()).isEqualTo(GrpcStatus.NOT_FOUND);
    assertThat(o.message()).isEqualTo("no data unit 'nope' is registered with the data master");
  }

  @Test
  void malformed_submissions_get_statuses_that_say_what_is_wrong() {
    var chunkFirst = grpc.call(SubmitData, SubmitDataRequest.newBuilder().setChunk(ByteString.copyFromUtf8("x")).build());
    assertThat(chunkFirst.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(chunkFirst.message()).contains("first message must be a SubmitHeader");
    var nowhere = grpc.call(SubmitData, upload("echo1", UploadTarget.newBuilder(), new byte[10]), Duration.ofSeconds(30));
    assertThat(nowhere.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(nowhere.message()).contains("adapter hosts: edge1: edge1-a");
    var noWorkflow = grpc.call(SubmitData, upload("nope", UploadTarget.newBuilder().setZone("edge1"), new byte[10]),
        Duration.ofSeconds(30));
    assertThat(noWorkflow.status()).isEqualTo(GrpcStatus.NOT_FOUND);
    var badSum = grpc.call(SubmitData, upload("echo1", UploadTarget.newBuilder().setZone("edge1")
        .setChecksum(Checksums.sha256(new byte[1])), new byte[10]), Duration.ofSeconds(30));
    assertThat(badSum.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(grpc.call(GetRun, GetRunRequest.newBuilder().setRunId("nope").build()).status()).isEqualTo(GrpcStatus.NOT_FOUND);
  }

  @Test
  void watching_a_run_streams_its_state_then_its_events_and_ends_with_the_final_state() {
    Run run = submit("slow", "edge1", new byte[1000]);
    List<RunEvent> events = watch(run.getRunId());
    assertThat(events.get(0).getType()).isEqualTo(RunEvent.Type.TYPE_RUN_STATE);
    assertThat(events.get(0).getRun().getState()).isEqualTo(RunState.RUN_STATE_RUNNING);
    assertThat(events).extracting(RunEvent::getType).contains(RunEvent.Type.TYPE_HOP_SUCCEEDED);
    RunEvent last = events.get(events.size() - 1);
    assertThat(last.getType()).isEqualTo(RunEvent.Type.TYPE_RUN_ENDED);
    assertThat(last.getRun().getState()).isEqualTo(RunState.RUN_STATE_SUCCEEDED);
    assertThat(last.getRun().getHopsList()).hasSize(2);

    List<RunEvent> again = watch(run.getRunId());
    assertThat(again).singleElement().satisfies(e -> {
      assertThat(e.getType()).isEqualTo(RunEvent.Type.TYPE_RUN_STATE);
      assertThat(e.getRun().getState()).isEqualTo(RunState.RUN_STATE_SUCCEEDED);
    });
  }

  @Test
  void a_watch_ends_when_its_run_is_cancelled_and_an_unknown_run_is_not_found() {
    Run run = submit("hold", "cloud1", new byte[100]);
    var watching = grpc.start(WatchRun, List.of(WatchRunRequest.newBuilder().setRunId(run.getRunId()).build()));
    new HttpCalls(client, cluster.node("edge1-a")).post("/api/v1/runs/" + run.getRunId() + "/cancel", Buffer.buffer());
    GrpcCalls.Outcome<RunEvent> o = Await.result(watching, Duration.ofSeconds(30));
    assertThat(o.status()).isEqualTo(GrpcStatus.OK);
    assertThat(o.messages().get(o.messages().size() - 1).getRun().getState()).isEqualTo(RunState.RUN_STATE_CANCELLED);

    var unknown = grpc.call(WatchRun, WatchRunRequest.newBuilder().setRunId("nope").build());
    assertThat(unknown.status()).isEqualTo(GrpcStatus.NOT_FOUND);
    assertThat(unknown.message()).isEqualTo("no run nope");
  }

  @Test
  void server_reflection_lists_the_service_and_serves_its_file_so_generic_tools_can_call_it() throws Exception {
    ServiceMethod<ServerReflectionResponse, ServerReflectionRequest> info = ServiceMethod.client(
        ServiceName.create("grpc.reflection.v1", "ServerReflection"), "ServerReflectionInfo",
        GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(ServerReflectionResponse.newBuilder()));
    var listed = grpc.call(info, ServerReflectionRequest.newBuilder().setListServices("").build()).single();
    assertThat(listed.getListServicesResponse().getServiceList()).extracting(ServiceResponse::getName)
        .contains("nearflow.v1.Nearflow", "nearflow.v1.ClusterService");
    var file = grpc.call(info, ServerReflectionRequest.newBuilder().setFileContainingSymbol("nearflow.v1.Nearflow").build())
        .single().getFileDescriptorResponse();
    DescriptorProtos.FileDescriptorProto proto = DescriptorProtos.FileDescriptorProto.parseFrom(file.getFileDescriptorProto(0));
    assertThat(proto.getName()).isEqualTo("nearflow_api.proto");
    assertThat(proto.getService(0).getMethodList()).extracting(DescriptorProtos.MethodDescriptorProto::getName)
        .containsExactly("RegisterWorkflow", "SubmitData", "GetRun", "WatchRun");
  }
}
