package io.nearflow.adapters.localfs;

import static io.nearflow.adapters.localfs.TestFiles.entries;
import static io.nearflow.adapters.localfs.TestFiles.inode;
import static io.nearflow.adapters.localfs.TestFiles.randomBytes;
import static io.nearflow.adapters.localfs.TestFiles.unitFiles;
import static io.nearflow.adapters.localfs.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.nearflow.adapters.AdapterContext;
import io.nearflow.adapters.AdapterHealth;
import io.nearflow.adapters.PeerDirectory;
import io.nearflow.adapters.PullMethod;
import io.nearflow.adapters.PulledFile;
import io.nearflow.adapters.PushRequest;
import io.nearflow.data.Checksums;
import io.nearflow.data.DataLocation;
import io.nearflow.data.DataRegistry;
import io.nearflow.data.DataUnit;
import io.nearflow.data.DataUnitConflictException;
import io.nearflow.data.DataUnitIds;
import io.nearflow.routing.Locality;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class LocalFsPushAndLocalPullTest {
  @TempDir Path tmp;
  PeerHosts hosts;
  LocalFsAdapter adapter;

  @BeforeEach
  void startOneHost(Vertx vertx) {
    hosts = new PeerHosts(vertx, tmp);
    adapter = hosts.start("host-a", "zone-a");
  }

  @Test
  void pushMovesTheOutputIntoTheStoreAndRegistersTheUnitWithItsSizeAndChecksum() throws Exception {
    byte[] bytes = randomBytes(1 << 20, 1);
    Path output = write(hosts.workDir("step").resolve("out.bin"), bytes);

    DataUnit unit = Await.result(adapter.push(output, PushRequest.forHopOutput("hop-1", 0)));

    assertThat(unit.id()).isEqualTo(DataUnitIds.forOutput("hop-1", 0));
    assertThat(unit.sizeBytes()).isEqualTo(bytes.length);
    assertThat(unit.checksum()).isEqualTo(Checksums.sha256(bytes));
    assertThat(unit.locality()).isEqualTo(Locality.of("host-a", "zone-a"));
    assertThat(unit.producerHop()).contains("hop-1");
    assertThat(Files.readAllBytes(hosts.storeOf("host-a").resolve(unit.locator()))).isEqualTo(bytes);
    assertThat(output).doesNotExist();
    assertThat(Await.result(hosts.registry.locate(unit.id())))
        .containsExactly(new DataLocation("local-fs", unit.locator(), Locality.of("host-a", "zone-a")));
  }

  @Test
  void aLocalPullIsAHardLinkToTheStoredFile() {
    byte[] bytes = randomBytes(256 * 1024, 2);
    DataUnit unit = Await.result(adapter.push(write(hosts.workDir("producer").resolve("o"), bytes), PushRequest.external()));

    PulledFile pulled = Await.result(adapter.pull(unit, hosts.workDir("consumer")));

    assertThat(pulled.method()).isEqualTo(PullMethod.HARD_LINK);
    assertThat(pulled.bytesMoved()).isZero();
    assertThat(pulled.path().getParent()).isEqualTo(hosts.workDir("consumer"));
    assertThat(inode(pulled.path())).isEqualTo(inode(hosts.storeOf("host-a").resolve(unit.locator())));
    assertThat(pulled.path()).hasBinaryContent(bytes);
    assertThat(hosts.stats.snapshot().pulls(PullMethod.HARD_LINK)).isEqualTo(1);
  }

  @Test
  void aPullIntoAWorkDirOnAnotherFileSystemFallsBackToACopy() throws Exception {
    Path shm = Path.of("/dev/shm");
    assumeThat(Files.isWritable(shm)).as("/dev/shm writable").isTrue();
    assumeThat(Files.getFileStore(shm)).isNotEqualTo(Files.getFileStore(tmp));
    byte[] bytes = randomBytes(64 * 1024, 3);
    DataUnit unit = Await.result(adapter.push(write(hosts.workDir("producer").resolve("o"), bytes), PushRequest.external()));
    Path otherFs = shm.resolve("nearflow-test-" + UUID.randomUUID());
    try {
      PulledFile pulled = Await.result(adapter.pull(unit, otherFs));

      assertThat(pulled.method()).isEqualTo(PullMethod.COPY);
      assertThat(pulled.bytesMoved()).isEqualTo(bytes.length);
      assertThat(pulled.path()).hasBinaryContent(bytes);
      assertThat(hosts.stats.snapshot().copiedBytes()).isEqualTo(bytes.length);
    } finally {
      for (Path entry : entries(otherFs)) {
        Files.delete(entry);
      }
      Files.deleteIfExists(otherFs);
    }
  }

  @Test
  void pushingARetriedHopsIdenticalOutputAgainReturnsTheSameUnitOnce() {
    byte[] bytes = randomBytes(10_000, 4);
    PushRequest request = PushRequest.forHopOutput("hop-7", 2);
    DataUnit first = Await.result(adapter.push(write(hosts.workDir("try1").resolve("o"), bytes), request));
    Path retryOutput = write(hosts.workDir("try2").resolve("o"), bytes);

    DataUnit second = Await.result(adapter.push(retryOutput, request));

    assertThat(second).isEqualTo(first); // the first attempt's unit, creation time included
    assertThat(retryOutput).doesNotExist();
    assertThat(Await.result(hosts.registry.locate(first.id()))).hasSize(1);
    assertThat(unitFiles(hosts.storeOf("host-a"))).containsExactly(first.locator());
    assertThat(entries(hosts.storeOf("host-a"))).hasSize(2); // the unit and its metadata sidecar
  }

  @Test
  void aRetriedHopWithDifferentBytesIsRefusedAndKeepsItsOutput() {
    PushRequest request = PushRequest.forHopOutput("hop-shuffle", 0);
    byte[] firstBytes = randomBytes(10_000, 5);
    DataUnit first = Await.result(adapter.push(write(hosts.workDir("try1").resolve("o"), firstBytes), request));
    byte[] otherBytes = randomBytes(10_000, 6);
    Path retryOutput = write(hosts.workDir("try2").resolve("o"), otherBytes);

    Throwable error = Await.failure(adapter.push(retryOutput, request));

    assertThat(error).isInstanceOf(DataUnitConflictException.class).hasMessageContaining(first.id());
    assertThat(retryOutput).hasBinaryContent(otherBytes);
    assertThat(hosts.storeOf("host-a").resolve(first.locator())).hasBinaryContent(firstBytes);
    assertThat(unitFiles(hosts.storeOf("host-a"))).containsExactly(first.locator());
    assertThat(entries(hosts.storeOf("host-a"))).hasSize(2); // the unit and its metadata sidecar
  }

  @Test
  void deleteRemovesTheStoredCopyAndItsRegistrationButNotFilesAlreadyPulled() {
    byte[] bytes = randomBytes(4096, 7);
    DataUnit unit = Await.result(adapter.push(write(hosts.workDir("producer").resolve("o"), bytes), PushRequest.external()));
    PulledFile pulled = Await.result(adapter.pull(unit, hosts.workDir("consumer")));

    Await.result(adapter.delete(unit));

    assertThat(hosts.storeOf("host-a").resolve(unit.locator())).doesNotExist();
    assertThat(Await.result(hosts.registry.locate(unit.id()))).isEmpty();
    assertThat(pulled.path()).hasBinaryContent(bytes);
    Await.result(adapter.delete(unit)); // deleting what is gone is fine
  }

  @Test
  void aPushWhoseRegistrationFailsLeavesTheOutputWhereTheStepPutIt(Vertx vertx) {
    DataRegistry unreachable = new DataRegistry() {
      @Override
      public Future<Void> register(DataUnit unit) {
        return Future.failedFuture(new IllegalStateException("data master unreachable"));
      }

      @Override
      public Future<List<DataLocation>> locate(String unitId) {
        return Future.succeededFuture(List.of());
      }

      @Override
      public Future<Void> remove(String unitId, DataLocation location) {
        return Future.succeededFuture();
      }
    };
    AdapterContext context = AdapterContext.of(vertx, Locality.of("host-x", "zone-a"), unreachable, PeerDirectory.of(Map.of()));
    LocalFsAdapter isolated = Await.result(LocalFsAdapter.open(context, LocalFsOptions.defaults(tmp.resolve("store-x"))));
    byte[] bytes = randomBytes(20_000, 8);
    Path output = write(hosts.workDir("step").resolve("o"), bytes);

    Throwable error = Await.failure(isolated.push(output, PushRequest.forHopOutput("hop-2", 0)));

    assertThat(error).hasMessageContaining("data master unreachable");
    assertThat(output).hasBinaryContent(bytes);
    assertThat(entries(tmp.resolve("store-x"))).isEmpty();
  }

  @Test
  void healthReportsAWritableStoreWithFreeSpace() {
    AdapterHealth health = Await.result(adapter.health());

    assertThat(health.healthy()).isTrue();
    assertThat(health.adapter()).isEqualTo("local-fs");
    assertThat(health.usableBytes()).isPositive();
  }
}
