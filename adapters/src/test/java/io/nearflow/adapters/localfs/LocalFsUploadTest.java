package io.nearflow.adapters.localfs;

import static io.nearflow.adapters.localfs.TestFiles.entries;
import static io.nearflow.adapters.localfs.TestFiles.randomBytes;
import static io.nearflow.adapters.localfs.TestFiles.sidecars;
import static io.nearflow.adapters.localfs.TestFiles.tempFiles;
import static io.nearflow.adapters.localfs.TestFiles.unitFiles;
import static io.nearflow.adapters.localfs.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.adapters.localfs.IngestRejectedException.Reason;
import io.nearflow.data.Checksums;
import io.nearflow.data.DataLocation;
import io.nearflow.data.DataUnit;
import io.nearflow.data.DataUnitConflictException;
import io.nearflow.routing.Locality;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Data entering from outside: uploaded over HTTP to the host it should live on, or ingested in-process. */
@ExtendWith(VertxExtension.class)
class LocalFsUploadTest {
  static final int ONE_MIB = 1 << 20;

  @TempDir Path tmp;
  Vertx vertx;
  PeerHosts hosts;
  LocalFsAdapter a;
  URI hostA;
  Path storeA;
  PeerUploadClient uploads;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    hosts = new PeerHosts(vertx, tmp);
    a = hosts.start("host-a", "zone-a");
    hostA = hosts.peers.get("host-a");
    storeA = hosts.storeOf("host-a");
    uploads = PeerUploadClient.create(vertx, PeerHttpOptions.defaults());
  }

  @Test
  void uploadingFiveMibOverHttpRegistersAUnitWithTheRightChecksumAndStoresTheFile() {
    byte[] bytes = randomBytes(5 * ONE_MIB, 61);
    Path file = write(tmp.resolve("outside").resolve("input.bin"), bytes);

    DataUnit unit = Await.result(uploads.upload(hostA, file, Optional.of(Checksums.sha256(bytes)), Optional.empty()));

    assertThat(unit.sizeBytes()).isEqualTo(bytes.length);
    assertThat(unit.checksum()).isEqualTo(Checksums.sha256(bytes));
    assertThat(unit.locality()).isEqualTo(Locality.of("host-a", "zone-a"));
    assertThat(unit.producerHop()).isEmpty();
    assertThat(storeA.resolve(unit.locator())).hasBinaryContent(bytes);
    assertThat(Await.result(hosts.registry.locate(unit.id())))
        .containsExactly(new DataLocation("local-fs", unit.locator(), unit.locality()));
    assertThat(sidecars(storeA)).hasSize(1);
    assertThat(tempFiles(storeA)).isEmpty();
    assertThat(file).hasBinaryContent(bytes); // the sender's file is read, never consumed
  }

  @Test
  void aWrongChecksumHeaderIsAnswered422WithAJsonErrorAndLeavesNothingInTheStore() {
    Buffer body = Buffer.buffer(randomBytes(ONE_MIB, 62));
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add(LocalFsPeerEndpoint.CHECKSUM_HEADER, Checksums.sha256(randomBytes(ONE_MIB, 63)));

    Reply reply = post(headers, body);

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.json().getString("error")).contains("hash to").contains("announced");
    assertThat(entries(storeA)).isEmpty();
    assertThat(hosts.stats.snapshot().failedTransfers()).isZero();
  }

  @Test
  void theUploadClientReportsAChecksumMismatchAsARejectionOfThatKind() {
    Path file = write(tmp.resolve("outside").resolve("f"), randomBytes(50_000, 64));

    Throwable error = Await.failure(
        uploads.upload(hostA, file, Optional.of(Checksums.sha256(new byte[1])), Optional.empty()));

    assertThat(error).isInstanceOf(IngestRejectedException.class);
    assertThat(((IngestRejectedException) error).reason()).isEqualTo(Reason.MISMATCH);
    assertThat(entries(storeA)).isEmpty();
  }

  @Test
  void anUploadLargerThanTheHostsLimitIsAnswered413WhetherItsLengthIsAnnouncedOrNot() {
    LocalFsAdapter small = hosts.start("host-s", "zone-a", options -> options.withMaxUploadBytes(ONE_MIB));
    URI hostS = hosts.peers.get("host-s");
    Path storeS = hosts.storeOf("host-s");
    Path file = write(tmp.resolve("outside").resolve("big"), randomBytes(2 * ONE_MIB, 65));

    Reply announced = post(hostS, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(randomBytes(2 * ONE_MIB, 66)));
    Throwable chunked = Await.failure(vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true))
        .compose(stream -> uploads.upload(hostS, stream, OptionalLong.empty(), Optional.empty(), Optional.empty())));

    assertThat(announced.status()).isEqualTo(413);
    assertThat(announced.json().getString("error")).contains(Integer.toString(ONE_MIB));
    assertThat(chunked).isInstanceOf(IngestRejectedException.class).hasMessageContaining("exceeds");
    assertThat(((IngestRejectedException) chunked).reason()).isEqualTo(Reason.TOO_LARGE);
    assertThat(entries(storeS)).isEmpty();
    assertThat(small.unannouncedFiles()).isEmpty();
  }

  @Test
  void retryingAnUploadWithTheSameUnitIdReturnsTheSameUnitAndStoresItOnce() {
    byte[] bytes = randomBytes(200_000, 67);
    Path file = write(tmp.resolve("outside").resolve("f"), bytes);

    DataUnit first = Await.result(uploads.upload(hostA, file, Optional.empty(), Optional.of("survey-2025-07")));
    DataUnit retried = Await.result(uploads.upload(hostA, file, Optional.empty(), Optional.of("survey-2025-07")));

    assertThat(first.id()).isEqualTo("survey-2025-07");
    assertThat(retried).isEqualTo(first);
    assertThat(unitFiles(storeA)).containsExactly("survey-2025-07");
    assertThat(tempFiles(storeA)).isEmpty();
    assertThat(Await.result(hosts.registry.locate(first.id()))).hasSize(1);
  }

  @Test
  void reusingAUnitIdForOtherBytesIsAConflictAndKeepsTheFirstUpload() {
    byte[] firstBytes = randomBytes(10_000, 68);
    Path first = write(tmp.resolve("outside").resolve("first"), firstBytes);
    Path other = write(tmp.resolve("outside").resolve("other"), randomBytes(10_000, 69));
    Await.result(uploads.upload(hostA, first, Optional.empty(), Optional.of("taken")));

    Throwable error = Await.failure(uploads.upload(hostA, other, Optional.empty(), Optional.of("taken")));

    assertThat(error).isInstanceOf(DataUnitConflictException.class).hasMessageContaining("taken");
    assertThat(storeA.resolve("taken")).hasBinaryContent(firstBytes);
    assertThat(tempFiles(storeA)).isEmpty();
  }

  @Test
  void aMalformedUnitIdHeaderIsAnswered400() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add(LocalFsPeerEndpoint.UNIT_ID_HEADER, "../escape");

    Reply reply = post(headers, Buffer.buffer("hello"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().getString("error")).contains("unitId");
    assertThat(entries(storeA)).isEmpty();
  }

  @Test
  void aClientThatDisconnectsMidUploadLeavesNoTempFileBehind() {
    NetSocket socket = Await.result(vertx.createNetClient().connect(hostA.getPort(), "127.0.0.1"));
    Await.result(socket.write("POST " + LocalFsPeerEndpoint.UPLOAD_PATH + " HTTP/1.1\r\nHost: host-a\r\n"
        + "Content-Length: " + 5 * ONE_MIB + "\r\n\r\n"));
    Await.result(socket.write(Buffer.buffer(randomBytes(ONE_MIB, 70))));
    Await.until(() -> !tempFiles(storeA).isEmpty(), "the upload has started writing into the store");

    Await.result(socket.close());

    Await.until(() -> tempFiles(storeA).isEmpty(), "the half-uploaded temp file is removed");
    assertThat(entries(storeA)).isEmpty();
  }

  @Test
  void anUploadThatGoesSilentIsAnswered408AndLeavesNoTempFileBehind() {
    hosts.start("host-q", "zone-a", options -> new LocalFsOptions(options.storeDir(),
        new PeerHttpOptions(Duration.ofMinutes(1), Duration.ofMillis(300), Duration.ofSeconds(5), true, 8),
        options.workerThreads(), options.maxUploadBytes()));
    Path storeQ = hosts.storeOf("host-q");
    NetSocket socket = Await.result(vertx.createNetClient().connect(hosts.peers.get("host-q").getPort(), "127.0.0.1"));
    Buffer answer = Buffer.buffer();
    socket.handler(answer::appendBuffer);
    Await.result(socket.write("POST " + LocalFsPeerEndpoint.UPLOAD_PATH + " HTTP/1.1\r\nHost: host-q\r\n"
        + "Content-Length: " + ONE_MIB + "\r\n\r\n"));
    Await.result(socket.write(Buffer.buffer(randomBytes(1000, 72)))); // ... and then nothing more

    Await.until(() -> answer.toString().startsWith("HTTP/1.1 408"), "the stalled upload is answered 408");

    assertThat(answer.toString()).contains("sent nothing for 300 ms");
    assertThat(entries(storeQ)).isEmpty();
  }

  @Test
  void aBodyShorterThanItsAnnouncedLengthIsRefusedAsAMismatch() {
    byte[] bytes = randomBytes(10_000, 73);
    Path file = write(tmp.resolve("outside").resolve("short"), bytes);

    Throwable error = Await.failure(vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true))
        .compose(stream -> a.ingest(stream, OptionalLong.of(20_000), Optional.empty(), Optional.empty())));

    assertThat(error).isInstanceOf(IngestRejectedException.class).hasMessageContaining("announced 20000 bytes");
    assertThat(((IngestRejectedException) error).reason()).isEqualTo(Reason.MISMATCH);
    assertThat(entries(storeA)).isEmpty();
  }

  @Test
  void onTheTargetHostItselfAStreamIsIngestedInProcessWithoutHttp() {
    byte[] bytes = randomBytes(3 * ONE_MIB, 71);
    Path file = write(tmp.resolve("outside").resolve("local"), bytes);

    DataUnit unit = Await.result(vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true))
        .compose(stream -> a.ingest(stream, Optional.of(Checksums.sha256(bytes)), Optional.of("local-input"))));

    assertThat(unit.id()).isEqualTo("local-input");
    assertThat(unit.checksum()).isEqualTo(Checksums.sha256(bytes));
    assertThat(storeA.resolve("local-input")).hasBinaryContent(bytes);
    assertThat(hosts.registry.unit("local-input")).contains(unit);
  }

  private record Reply(int status, Buffer body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  private Reply post(MultiMap headers, Buffer body) {
    return post(hostA, headers, body);
  }

  private Reply post(URI host, MultiMap headers, Buffer body) {
    HttpClient http = vertx.createHttpClient();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
        .setAbsoluteURI(host + LocalFsPeerEndpoint.UPLOAD_PATH).setHeaders(headers);
    return Await.result(http.request(options)
        .compose(request -> request.send(body))
        .compose(response -> response.body().map(b -> new Reply(response.statusCode(), b))));
  }
}
