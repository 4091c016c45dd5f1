package io.nearflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.api.grpc.v1.ClusterServiceGrpcClient;
import io.nearflow.api.grpc.v1.GetTopologyRequest;
import io.nearflow.api.grpc.v1.Topology;
import io.nearflow.node.EmbeddedCluster;
import io.nearflow.node.NearflowNode;
import io.nearflow.testing.Await;
import io.nearflow.testing.TestClusters;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.reflection.v1.ServerReflectionRequest;
import io.vertx.grpc.reflection.v1.ServerReflectionResponse;
import io.vertx.grpc.reflection.v1.ServiceResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The default embedded cluster: the paper topology, two hosts per zone, all roles, one JVM. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedClusterTest {
  @TempDir static Path dataRoot;
  private EmbeddedCluster cluster;
  private Vertx client;

  @BeforeAll
  void startCluster() {
    cluster = Await.result(EmbeddedCluster.start(EmbeddedCluster.Options.defaults(
        TestClusters.uniqueName(getClass()), dataRoot)), Duration.ofSeconds(120));
    Await.result(cluster.awaitFullView(30_000), Duration.ofSeconds(40));
    client = Vertx.vertx();
  }

  @AfterAll
  void stopCluster() throws Exception {
    if (client != null) {
      Await.result(client.close(), Duration.ofSeconds(10));
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void every_node_sees_six_nodes_in_three_zones_with_their_hosts_and_roles() {
    for (NearflowNode node : cluster.nodes()) {
      ClusterSnapshot view = node.view().snapshot();
      assertThat(view.zones()).containsExactly("edge1", "edge2", "cloud1");
      assertThat(view.nodes()).extracting(NodeDescriptor::host)
          .containsExactly("edge1-a", "edge1-b", "edge2-a", "edge2-b", "cloud1-a", "cloud1-b");
      assertThat(view.byZoneAndHost().get("edge2")).containsOnlyKeys("edge2-a", "edge2-b");
      assertThat(view.nodes()).allSatisfy(n -> assertThat(n.roles())
          .contains("orchestrator", "work-tracker", "distance", "data-master", "agent", "api", "adapter"));
    }
  }

  @Test
  void each_node_has_its_own_data_directory() {
    assertThat(cluster.nodes()).extracting(n -> n.config().dataDir()).doesNotHaveDuplicates()
        .allSatisfy(d -> assertThat(d).isDirectory().startsWith(dataRoot));
  }

  @Test
  void the_http_topology_api_lists_zones_hosts_and_roles() {
    NearflowNode cloud = cluster.node("cloud1-b");
    HttpResponse<Buffer> resp = Await.result(WebClient.create(client)
        .get(cloud.httpPort(), "127.0.0.1", "/api/v1/topology").timeout(5_000).send(), Duration.ofSeconds(10));
    assertThat(resp.statusCode()).isEqualTo(200);
    JsonObject body = resp.bodyAsJsonObject();
    assertThat(body.getString("topology")).isEqualTo("paper");
    assertThat(body.getJsonArray("zones").getList()).containsExactly("edge1", "edge2", "cloud1");
    assertThat(body.getJsonArray("nodes")).hasSize(6);
    assertThat(body.getJsonArray("nodes").getJsonObject(0).getJsonObject("endpoints").getString("http")).startsWith("http://127.0.0.1:");
  }

  @Test
  void an_unknown_api_path_answers_404_with_a_json_message() {
    HttpResponse<Buffer> resp = Await.result(WebClient.create(client)
        .get(cluster.node("edge1-a").httpPort(), "127.0.0.1", "/api/v1/nope").timeout(5_000).send(), Duration.ofSeconds(10));
    assertThat(resp.statusCode()).isEqualTo(404);
    assertThat(resp.bodyAsJsonObject().getString("error")).contains("no such API path: GET /api/v1/nope");
  }

  @Test
  void the_grpc_cluster_service_returns_the_same_view_through_the_generated_client() {
    NearflowNode edge = cluster.node("edge2-a");
    GrpcClient grpc = GrpcClient.client(client);
    ClusterServiceGrpcClient stub = ClusterServiceGrpcClient.create(grpc, SocketAddress.inetSocketAddress(edge.grpcPort(), "127.0.0.1"));
    Topology t = Await.result(stub.getTopology(GetTopologyRequest.getDefaultInstance()), Duration.ofSeconds(10));
    assertThat(t.getZonesList()).containsExactly("edge1", "edge2", "cloud1");
    assertThat(t.getNodesList()).hasSize(6);
    assertThat(t.getNodes(5).getHost()).isEqualTo("cloud1-b");
    Await.result(grpc.close(), Duration.ofSeconds(5));
  }

  @Test
  void grpc_server_reflection_lists_the_nearflow_services() {
    ServiceMethod<ServerReflectionResponse, ServerReflectionRequest> info = ServiceMethod.client(
        ServiceName.create("grpc.reflection.v1", "ServerReflection"), "ServerReflectionInfo",
        GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(ServerReflectionResponse.newBuilder()));
    GrpcClient grpc = GrpcClient.client(client);
    SocketAddress at = SocketAddress.inetSocketAddress(cluster.node("edge1-b").grpcPort(), "127.0.0.1");
    ServerReflectionResponse resp = Await.result(grpc.request(at, info).compose(req -> {
      req.end(ServerReflectionRequest.newBuilder().setListServices("").build());
      return req.response().compose(r -> r.last());
    }), Duration.ofSeconds(10));
    List<String> services = resp.getListServicesResponse().getServiceList().stream().map(ServiceResponse::getName).toList();
    assertThat(services).contains("nearflow.v1.ClusterService");
    Await.result(grpc.close(), Duration.ofSeconds(5));
  }
}
