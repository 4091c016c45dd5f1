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
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * EMULATION: a TCP relay in front of one node's HTTP server (the peer data-transfer endpoint).
 * The node's published {@code http} endpoint points here, so every peer pull from this host
 * passes through it. For each accepted connection the relay finds which emulated host opened it
 * ({@link SourceResolver}, from /proc) and so which zone pair the connection spans, and then
 * delays and paces both directions on that pair's {@link EmulatedLinks.Direction}.
 *
 * <p>Each direction of a connection may have at most {@link #WINDOW_CHUNKS} chunks booked on the
 * wire and not yet delivered, like a TCP window: connections crossing the same link then take
 * turns chunk by chunk and share its bandwidth. Without the window a fast sender booked its whole
 * transfer at once and a second transfer on the link got its first byte only after the first had
 * finished (tens of seconds at 100 MB), which real TCP does not do and which tripped the
 * puller's 30 s idle timeout.
 */
public final class EmulatedLinkRelay implements AutoCloseable {
  private static final byte[] EOF = new byte[0];

  private record Chunk(byte[] data, int len, long deliverAt) {}

  /** 64 x 32 KiB = 2 MiB in flight per direction: above the 50 Mbit/s x 80 ms bandwidth-delay product. */
  static final int WINDOW_CHUNKS = 64;

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
    Semaphore window = new Semaphore(WINDOW_CHUNKS);
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
          window.acquire(); // book the wire only when this connection's window has room
          queue.add(new Chunk(buf, n, link.reserve(n)));
        }
      } catch (IOException e) {
        // peer closed
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
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
          window.release();
        }
      } catch (IOException | InterruptedException e) {
        closeQuietly(from);
        closeQuietly(to);
      } finally {
        window.release(WINDOW_CHUNKS); // a reader waiting for room goes on, hits the closed socket and ends
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
