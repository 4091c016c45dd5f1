package io.nearflow.adapters.localfs;

import io.nearflow.adapters.AdapterContext;
import io.nearflow.adapters.PeerDirectory;
import io.nearflow.adapters.TransferStats;
import io.nearflow.data.InMemoryDataRegistry;
import io.nearflow.routing.Locality;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A handful of hosts in one JVM, each with its own store directory, local-fs adapter and real HTTP
 * server on loopback (port 0) serving its peer endpoint; one shared in-memory data master, each
 * host seeing it through a nearest-first view.
 */
final class PeerHosts {
  final Vertx vertx;
  final InMemoryDataRegistry registry = new InMemoryDataRegistry();
  final Map<String, URI> peers = new ConcurrentHashMap<>();
  final TransferStats stats = new TransferStats();
  final Map<String, AtomicInteger> connections = new ConcurrentHashMap<>();
  private final Path root;

  PeerHosts(Vertx vertx, Path root) {
    this.vertx = vertx;
    this.root = root;
  }

  LocalFsAdapter start(String host, String zone) {
    return start(host, zone, options -> options);
  }

  LocalFsAdapter start(String host, String zone, UnaryOperator<LocalFsOptions> tweak) {
    Locality here = Locality.of(host, zone);
    AdapterContext context = new AdapterContext(
        vertx, here, registry.viewFrom(here), PeerDirectory.of(peers), stats, Clock.systemUTC());
    LocalFsAdapter adapter = Await.result(
        LocalFsAdapter.open(context, tweak.apply(LocalFsOptions.defaults(storeOf(host)))));
    Router router = Router.router(vertx);
    adapter.peerEndpoint().mount(router);
    AtomicInteger opened = connections.computeIfAbsent(host, h -> new AtomicInteger());
    HttpServer server = vertx.createHttpServer()
        .connectionHandler(connection -> opened.incrementAndGet())
        .requestHandler(router);
    Await.result(server.listen(0, "127.0.0.1"));
    peers.put(host, URI.create("http://127.0.0.1:" + server.actualPort()));
    return adapter;
  }

  Path storeOf(String host) {
    return root.resolve("stores").resolve(host);
  }

  Path workDir(String name) {
    return root.resolve("work").resolve(name);
  }
}
