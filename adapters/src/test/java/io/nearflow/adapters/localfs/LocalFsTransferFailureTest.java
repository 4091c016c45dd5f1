package io.nearflow.adapters.localfs;

import static io.nearflow.adapters.localfs.TestFiles.entries;
import static io.nearflow.adapters.localfs.TestFiles.randomBytes;
import static io.nearflow.adapters.localfs.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.adapters.DataTransferException;
import io.nearflow.adapters.DataTransferException.Reason;
import io.nearflow.adapters.PushRequest;
import io.nearflow.data.Checksums;
import io.nearflow.data.DataUnit;
import io.nearflow.data.DataUnitIds;
import io.nearflow.routing.Locality;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class LocalFsTransferFailureTest {
  static final int ONE_MIB = 1 << 20;

  @TempDir Path tmp;
  Vertx vertx;
  PeerHosts hosts;
  LocalFsAdapter a;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    hosts = new PeerHosts(vertx, tmp);
    // Default timeouts: a busy CI machine must not turn the length and checksum cases into timeouts.
    a = hosts.start("host-a", "zone-a");
  }

  @Test
  void bytesTamperedWithOnThePeerFailTheChecksumAndLeaveNoFileBehind() throws Exception {
    LocalFsAdapter b = hosts.start("host-b", "zone-b");
    DataUnit unit = Await.result(b.push(write(hosts.workDir("on-b").resolve("o"), randomBytes(ONE_MIB, 21)), PushRequest.external()));
    Files.write(hosts.storeOf("host-b").resolve(unit.locator()), randomBytes(ONE_MIB, 22)); // same length

    Throwable error = Await.failure(a.pull(unit, hosts.workDir("target")));

    assertThat(error).isInstanceOf(DataTransferException.class).hasMessageContaining("failed verification")
        .hasMessageContaining(unit.checksum());
    assertThat(((DataTransferException) error).reason()).isEqualTo(Reason.CORRUPT);
    assertNothingLeftOnHostA();
    assertThat(hosts.stats.snapshot().failedTransfers()).isEqualTo(1);
  }

  @Test
  void aPeerServingFewerBytesThanTheUnitHasIsRefusedByLength() throws Exception {
    LocalFsAdapter b = hosts.start("host-b", "zone-b");
    DataUnit unit = Await.result(b.push(write(hosts.workDir("on-b").resolve("o"), randomBytes(ONE_MIB, 23)), PushRequest.external()));
    Files.write(hosts.storeOf("host-b").resolve(unit.locator()), randomBytes(1000, 24), StandardOpenOption.TRUNCATE_EXISTING);

    Throwable error = Await.failure(a.pull(unit, hosts.workDir("target")));

    assertThat(error).isInstanceOf(DataTransferException.class).hasMessageContaining("announced 1000 bytes");
    assertThat(((DataTransferException) error).reason()).isEqualTo(Reason.CORRUPT);
    assertNothingLeftOnHostA();
  }

  @Test
  void aPeerThatClosesTheConnectionMidTransferIsReportedAsBrokenOffAndLeavesNoFileBehind() {
    // A raw socket that promises 1 MiB, sends 64 KiB and hangs up.
    NetServer liar = vertx.createNetServer().connectHandler(socket -> socket.handler(request -> {
      socket.write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + ONE_MIB + "\r\n\r\n");
      socket.write(Buffer.buffer(new byte[64 * 1024])).onComplete(written -> socket.close());
    }));
    DataUnit unit = fakeUnitOn("host-liar", ONE_MIB, liar);

    Throwable error = Await.failure(a.pull(unit, hosts.workDir("target")));

    assertThat(error).isInstanceOf(DataTransferException.class).hasMessageContaining("broke off");
    assertThat(((DataTransferException) error).reason()).isEqualTo(Reason.INTERRUPTED);
    assertNothingLeftOnHostA();
  }

  @Test
  void aPeerThatAcceptsButNeverAnswersTimesOutWithAClearError() {
    LocalFsAdapter impatient = hosts.start("host-t", "zone-a", options -> options.withTransferTimeout(Duration.ofMillis(400)));
    NetServer silent = vertx.createNetServer().connectHandler(socket -> socket.handler(ignored -> { }));
    DataUnit unit = fakeUnitOn("host-silent", ONE_MIB, silent);
    long started = System.nanoTime();

    Throwable error = Await.failure(impatient.pull(unit, hosts.workDir("target")));

    assertThat(error).isInstanceOf(DataTransferException.class)
        .hasMessageContaining("timed out after 400 ms").hasMessageContaining(unit.id());
    assertThat(((DataTransferException) error).reason()).isEqualTo(Reason.TIMEOUT);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(entries(hosts.workDir("target"))).isEmpty();
    assertThat(entries(hosts.storeOf("host-t"))).isEmpty();
  }

  @Test
  void aPeerThatIsNotListeningIsReportedUnreachable() {
    NetServer closed = vertx.createNetServer().connectHandler(socket -> { });
    DataUnit unit = fakeUnitOn("host-gone", ONE_MIB, closed);
    Await.result(closed.close());

    Throwable error = Await.failure(a.pull(unit, hosts.workDir("target")));

    assertThat(error).isInstanceOf(DataTransferException.class).hasMessageContaining("cannot reach peer");
    assertThat(((DataTransferException) error).reason()).isEqualTo(Reason.UNREACHABLE);
    assertNothingLeftOnHostA();
  }

  @Test
  void aUnitWithNoReachableLocationFailsNamingTheUnit() {
    DataUnit unit = new DataUnit(DataUnitIds.random(), "local-fs", "x1", 10, Checksums.sha256(new byte[10]),
        Locality.of("host-nowhere", "zone-z"), "", Instant.now());

    Throwable error = Await.failure(a.pull(unit, hosts.workDir("target")));

    assertThat(error).isInstanceOf(DataTransferException.class).hasMessageContaining(unit.id());
    assertThat(((DataTransferException) error).reason()).isEqualTo(Reason.NO_SOURCE);
  }

  /** A unit registered as living on {@code host}, whose "adapter" is the given raw server. */
  private DataUnit fakeUnitOn(String host, int size, NetServer server) {
    Await.result(server.listen(0, "127.0.0.1"));
    hosts.peers.put(host, URI.create("http://127.0.0.1:" + server.actualPort()));
    String id = DataUnitIds.random();
    DataUnit unit = new DataUnit(id, "local-fs", id, size, Checksums.sha256(new byte[size]),
        Locality.of(host, "zone-b"), "", Instant.now());
    Await.result(hosts.registry.register(unit));
    return unit;
  }

  private void assertNothingLeftOnHostA() {
    assertThat(entries(hosts.workDir("target"))).isEmpty();
    assertThat(entries(hosts.storeOf("host-a"))).isEmpty();
  }
}
