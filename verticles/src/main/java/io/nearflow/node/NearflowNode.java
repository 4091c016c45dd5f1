package io.nearflow.node;

import io.nearflow.cluster.ClusterView;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.grpc.reflection.ReflectionService;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * One running node: a clustered Vert.x instance on Hazelcast with the node's zone/host identity,
 * its live cluster view, its role verticles, one HTTP server (health, API, peer data transfer)
 * and, with the api role, one gRPC server.
 */
public final class NearflowNode {
  private static final Logger LOG = Logger.getLogger(NearflowNode.class.getName());

  private final NodeConfig config;
  private final Vertx vertx;
  private final ClusterView view;
  private final Router router;
  private final GrpcServer grpc;
  private final HazelcastClusterManager clusterManager;
  private final NodeServices services = new NodeServices();
  private HttpServer httpServer;
  private HttpServer grpcServer;

  private NearflowNode(NodeConfig config, Vertx vertx, ClusterView view, HazelcastClusterManager clusterManager) {
    this.config = config;
    this.clusterManager = clusterManager;
    this.vertx = vertx;
    this.view = view;
    this.router = Router.router(vertx);
    this.grpc = GrpcServer.server(vertx);
  }

  /**
   * Joins the cluster, deploys the node's roles, starts its servers and publishes its endpoints.
   * If any of that fails the node leaves the cluster again and the future fails with the cause
   * (a role that cannot deploy is named). The future is not bound to the node's Vert.x context:
   * after a failed start that context's event loop is closed, and a future bound to it could never
   * notify its listeners, so the caller would wait forever.
   */
  public static Future<NearflowNode> start(NodeConfig config) {
    try {
      Files.createDirectories(config.dataDir());
    } catch (IOException e) {
      return Future.failedFuture(new IllegalStateException("dataDir " + config.dataDir() + " cannot be created: " + e));
    }
    HazelcastAsyncExecutor.installIfThreadPerTask();
    HazelcastClusterManager clusterManager = new HazelcastClusterManager(HazelcastSettings.build(config));
    // A connection to a peer across a link that went down without a reset stays open and
    // swallows messages; Vert.x pings each cluster connection and replaces one that does not
    // answer. Its defaults (20 s + 20 s) kept hand-offs to a healed zone timing out for over a
    // minute in the WAN bench; 5 s + 5 s costs one small message per connection every 5 s.
    VertxOptions options = new VertxOptions().setEventBusOptions(new EventBusOptions()
        .setHost(config.bindHost())
        .setPort(0)
        .setClusterPublicHost(config.bindHost())
        .setClusterPingInterval(5_000)
        .setClusterPingReplyInterval(5_000));
    long t0 = System.nanoTime();
    Promise<NearflowNode> started = Promise.promise();
    Vertx.builder().with(options).withClusterManager(clusterManager).buildClustered()
        .onFailure(started::fail)
        .onSuccess(vertx -> vertx
            .executeBlocking(() -> new ClusterView(clusterManager.getHazelcastInstance(), config.topology().zones()))
            .compose(view -> {
              NearflowNode node = new NearflowNode(config, vertx, view, clusterManager);
              return node.deployRoles().compose(v -> node.listen()).map(node);
            })
            .onSuccess(node -> {
              LOG.info(() -> String.format("node %s (zone %s, host %s, roles %s) joined cluster '%s' in %d ms",
                  config.nodeId(), config.zone(), config.host(), config.roles(), config.clusterName(),
                  (System.nanoTime() - t0) / 1_000_000));
              started.complete(node);
            })
            .onFailure(err -> vertx.close().onComplete(closed -> started.fail(err))));
    return started.future();
  }

  private Future<Void> deployRoles() {
    NodeContext context = new NodeContext(config, view, router, grpc, clusterManager.getHazelcastInstance(), services,
        java.time.Clock.systemUTC());
    router.get("/health").handler(rc -> rc.json(new JsonObject()
        .put("status", "UP").put("nodeId", config.nodeId()).put("zone", config.zone()).put("host", config.host())
        .put("clusterSize", view.snapshot().size())));
    Future<Void> chain = Future.succeededFuture();
    for (Role role : config.roles()) {
      chain = chain.compose(v -> RoleVerticles.deploy(vertx, role, context).recover(err -> Future.failedFuture(
          new IllegalStateException("role " + role + " failed to deploy: " + describe(err), err))));
    }
    return chain;
  }

  private static String describe(Throwable err) {
    return err.getMessage() == null ? err.getClass().getName() : err.getMessage();
  }

  private Future<Void> listen() {
    Future<HttpServer> http = vertx.createHttpServer(new HttpServerOptions().setHost(config.bindHost()))
        .requestHandler(router)
        .listen(config.httpPort())
        .onSuccess(s -> httpServer = s);
    Future<HttpServer> grpcListening = Future.succeededFuture();
    if (config.runs(Role.API)) {
      grpc.addService(ReflectionService.v1());
      grpcListening = vertx.createHttpServer(new HttpServerOptions().setHost(config.bindHost()))
          .requestHandler(grpc)
          .listen(config.grpcPort())
          .onSuccess(s -> grpcServer = s);
    }
    return Future.all(http, grpcListening).map(cf -> {
      Map<String, String> endpoints = new LinkedHashMap<>();
      endpoints.put("http", NodeConfigLoader.advertisedHttpUrl(config.settings())
          .orElse("http://" + config.bindHost() + ":" + httpServer.actualPort()));
      if (grpcServer != null) {
        endpoints.put("grpc", config.bindHost() + ":" + grpcServer.actualPort());
      }
      view.publishEndpoints(endpoints);
      return null;
    });
  }

  public NodeConfig config() {
    return config;
  }

  public Vertx vertx() {
    return vertx;
  }

  public ClusterView view() {
    return view;
  }

  public NodeServices services() {
    return services;
  }

  public int httpPort() {
    return httpServer.actualPort();
  }

  public int grpcPort() {
    return grpcServer == null ? -1 : grpcServer.actualPort();
  }

  /** The node's Hazelcast member (for tools and tests that read the cluster maps). */
  public com.hazelcast.core.HazelcastInstance hazelcast() {
    return clusterManager.getHazelcastInstance();
  }

  /**
   * Leaves the cluster as a killed process would: the Hazelcast member is terminated at once (no
   * graceful leave, nothing handed over; the others notice a member gone), then Vert.x is closed.
   * For failure tests that run several nodes in one JVM.
   */
  public Future<Void> crash() {
    clusterManager.getHazelcastInstance().getLifecycleService().terminate();
    view.close();
    return vertx.close().recover(err -> Future.succeededFuture());
  }

  /** Leaves the cluster gracefully: undeploys the roles, closes the servers and the cluster member. */
  public Future<Void> close() {
    view.close();
    return vertx.close();
  }
}
