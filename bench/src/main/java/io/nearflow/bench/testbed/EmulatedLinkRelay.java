package io.nearflow.bench.testbed;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * EMULATION: a TCP relay in front of one node's HTTP server (the peer data-transfer endpoint).
 * The node's published {@code http} endpoint points here, so every peer pull from this host
 * passes through it. For each accepted connection the relay finds which emulated host opened it
 * ({@link SourceResolver}, from /proc) and so which zone pair the connection spans, and then
 * delays and paces both directions on that pair's {@link EmulatedLinks.Direction}.
 */
public final class EmulatedLinkRelay implements AutoCloseable {
  private static final byte[] EOF = new byte[0];

  private record Chunk(byte[] data, int len, long deliverAt) {}

  private final String dstZone;
  private final int targetPort;
  private final EmulatedLinks links;
  private final IntFunction<String> sourceZoneOfClientPort;
  private final ServerSocket server;
  private final Thread acceptor;
  private final java.util.Set<Socket> open = ConcurrentHashMap.newKeySet();
  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger unresolved = new AtomicInteger();
  final AtomicLong resolveNanos = new AtomicLong();
  private volatile boolean closed;

  public EmulatedLinkRelay(String dstZone, int targetPort, EmulatedLinks links, IntFunction<String> sourceZoneOfClientPort)
      throws IOException {
    this.dstZone = dstZone;
    this.targetPort = targetPort;
    this.links = links;
    this.sourceZoneOfClientPort = sourceZoneOfClientPort;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    this.acceptor = new Thread(this::acceptLoop, "emulated-link-relay-" + port());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        Thread t = new Thread(() -> handle(client), "emulated-link-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!closed) {
          System.err.println("emulated link relay: accept failed: " + e);
        }
      }
    }
  }

  private void handle(Socket client) {
    open.add(client);
    connections.incrementAndGet();
    long t0 = System.nanoTime();
    String srcZone = sourceZoneOfClientPort.apply(client.getPort());
    resolveNanos.addAndGet(System.nanoTime() - t0);
    if (srcZone == null) {
      unresolved.incrementAndGet();
      srcZone = dstZone; // an unknown client (e.g. the bench itself) gets the intra-zone link
    }
    Socket upstream = new Socket();
    try {
      // EMULATION of TCP connection set-up: the client's SYN / SYN-ACK would cost one round trip on
      // this link before its first request byte could leave (the loopback accept was instant).
      EmulatedLinks.Direction there = links.direction(srcZone, dstZone);
      EmulatedLinks.sleepUntil(t0 + 2 * there.oneWayDelayNanos);
      client.setTcpNoDelay(true);
      upstream.setTcpNoDelay(true);
      upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
      open.add(upstream);
      // request: client zone -> this host's zone; response: this host's zone -> client zone
      AtomicInteger finished = new AtomicInteger();
      pump(client, upstream, links.direction(srcZone, dstZone), finished);
      pump(upstream, client, links.direction(dstZone, srcZone), finished);
    } catch (IOException e) {
      closeQuietly(client);
      closeQuietly(upstream);
    }
  }

  private void pump(Socket from, Socket to, EmulatedLinks.Direction link, AtomicInteger finished) throws IOException {
    BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    InputStream in = from.getInputStream();
    OutputStream out = to.getOutputStream();
    Thread reader = new Thread(() -> {
      try {
        while (true) {
          byte[] buf = new byte[32 * 1024];
          int n = in.read(buf);
          if (n < 0) {
            break;
          }
          queue.add(new Chunk(buf, n, link.reserve(n)));
        }
      } catch (IOException e) {
        // peer closed
      }
      queue.add(new Chunk(EOF, -1, System.nanoTime() + link.oneWayDelayNanos));
    }, "emulated-link-read");
    Thread writer = new Thread(() -> {
      try {
        while (true) {
          Chunk c = queue.take();
          EmulatedLinks.sleepUntil(c.deliverAt());
          if (c.len() < 0) {
            try {
              to.shutdownOutput();
            } catch (IOException ignored) {
              // already closed
            }
            break;
          }
          out.write(c.data(), 0, c.len());
        }
      } catch (IOException | InterruptedException e) {
        closeQuietly(from);
        closeQuietly(to);
      } finally {
        if (finished.incrementAndGet() == 2) {
          closeQuietly(from);
          closeQuietly(to);
        }
      }
    }, "emulated-link-write");
    reader.setDaemon(true);
    writer.setDaemon(true);
    reader.start();
    writer.start();
  }

  private void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing
    }
    open.remove(s);
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing
    }
    open.forEach(this::closeQuietly);
  }
}
