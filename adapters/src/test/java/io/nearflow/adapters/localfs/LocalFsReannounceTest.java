package io.nearflow.adapters.localfs;

import static io.nearflow.adapters.localfs.TestFiles.entries;
import static io.nearflow.adapters.localfs.TestFiles.randomBytes;
import static io.nearflow.adapters.localfs.TestFiles.sidecars;
import static io.nearflow.adapters.localfs.TestFiles.unitFiles;
import static io.nearflow.adapters.localfs.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.adapters.AdapterContext;
import io.nearflow.adapters.PeerDirectory;
import io.nearflow.adapters.PullMethod;
import io.nearflow.adapters.PulledFile;
import io.nearflow.adapters.PushRequest;
import io.nearflow.adapters.TransferStats;
import io.nearflow.data.Checksums;
import io.nearflow.data.DataLocation;
import io.nearflow.data.DataRegistry;
import io.nearflow.data.DataUnit;
import io.nearflow.data.InMemoryDataRegistry;
import io.nearflow.routing.Locality;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A host that comes back tells the data master what its store holds, from durable metadata. */
@ExtendWith(VertxExtension.class)
class LocalFsReannounceTest {
  static final Locality HOST_A = Locality.of("host-a", "zone-a");

  @TempDir Path tmp;
  Vertx vertx;
  PeerHosts hosts;
  LocalFsAdapter a;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    hosts = new PeerHosts(vertx, tmp);
    a = hosts.start("host-a", "zone-a");
  }

  @Test
  void aRestartedAdapterReannouncesEveryStoredUnitByteIdenticallyWithItsChecksumAndProducerHop() throws Exception {
    LocalFsAdapter b = hosts.start("host-b", "zone-b");
    byte[] hopBytes = randomBytes(300_000, 41);
    byte[] uploadedBytes = randomBytes(70_000, 42);
    byte[] pulledBytes = randomBytes(120_000, 43);
    DataUnit hopOutput = Await.result(a.push(write(hosts.workDir("step").resolve("o"), hopBytes), PushRequest.forHopOutput("hop-9", 0)));
    DataUnit uploaded = Await.result(a.push(write(hosts.workDir("step").resolve("u"), uploadedBytes), PushRequest.external()));
    DataUnit onB = Await.result(b.push(write(hosts.workDir("on-b").resolve("o"), pulledBytes), PushRequest.forHopOutput("hop-3", 1)));
    Await.result(a.pull(onB, hosts.workDir("replica"))); // leaves a replica in a's store
    Await.result(a.close());
    InMemoryDataRegistry freshMaster = new InMemoryDataRegistry();

    LocalFsAdapter restarted = reopen(HOST_A, freshMaster);
    List<DataUnit> announced = Await.result(restarted.announceAll());

    assertThat(announced).containsExactlyInAnyOrder(hopOutput, uploaded, onB.withLocality(HOST_A));
    assertThat(announced).filteredOn(u -> u.id().equals(hopOutput.id())).singleElement()
        .satisfies(u -> assertThat(u.producerHop()).contains("hop-9"));
    assertThat(restarted.unannouncedFiles()).isEmpty();
    for (DataUnit unit : announced) {
      assertThat(Await.result(freshMaster.locate(unit.id())))
          .containsExactly(new DataLocation("local-fs", unit.locator(), HOST_A));
      assertThat(freshMaster.unit(unit.id())).contains(unit);
      PulledFile pulled = Await.result(restarted.pull(unit, hosts.workDir("after-" + unit.id())));
      assertThat(pulled.method()).isEqualTo(PullMethod.HARD_LINK);
      assertThat(Checksums.sha256(pulled.path())).isEqualTo(new Checksums.FileDigest(unit.sizeBytes(), unit.checksum()));
    }
    assertThat(hosts.workDir("after-" + hopOutput.id()).resolve(hopOutput.id())).hasBinaryContent(hopBytes);
    assertThat(hosts.workDir("after-" + uploaded.id()).resolve(uploaded.id())).hasBinaryContent(uploadedBytes);
    assertThat(hosts.workDir("after-" + onB.id()).resolve(onB.id())).hasBinaryContent(pulledBytes);
  }

  @Test
  void aHostBackInAnotherZoneAnnouncesItsUnitsThereAndDropsTheLocationItLeft() {
    DataUnit unit = Await.result(a.push(write(hosts.workDir("step").resolve("o"), randomBytes(5000, 44)), PushRequest.external()));
    Await.result(a.close());
    Locality moved = Locality.of("host-a", "zone-c");

    LocalFsAdapter back = reopen(moved, hosts.registry);
    List<DataUnit> announced = Await.result(back.announceAll());

    assertThat(announced).containsExactly(unit.withLocality(moved));
    assertThat(Await.result(hosts.registry.locate(unit.id())))
        .containsExactly(new DataLocation("local-fs", unit.locator(), moved));
  }

  @Test
  void dataFilesWithoutMetadataOrWithTheWrongSizeAreSkippedReportedAndLeftInPlace() throws Exception {
    DataUnit good = Await.result(a.push(write(hosts.workDir("step").resolve("g"), randomBytes(8000, 45)), PushRequest.external()));
    DataUnit damaged = Await.result(a.push(write(hosts.workDir("step").resolve("d"), randomBytes(8000, 46)), PushRequest.external()));
    Path store = hosts.storeOf("host-a");
    Files.delete(store.resolve(damaged.locator()));
    Files.write(store.resolve(damaged.locator()), randomBytes(100, 47));
    write(store.resolve("copied-in-by-hand"), randomBytes(10, 48));
    Await.result(a.close());
    InMemoryDataRegistry freshMaster = new InMemoryDataRegistry();

    LocalFsAdapter restarted = reopen(HOST_A, freshMaster);
    List<DataUnit> announced = Await.result(restarted.announceAll());

    assertThat(announced).containsExactly(good);
    assertThat(restarted.unannouncedFiles()).extracting(UnannouncedFile::fileName)
        .containsExactlyInAnyOrder(damaged.locator(), "copied-in-by-hand");
    assertThat(restarted.unannouncedFiles()).filteredOn(f -> f.fileName().equals("copied-in-by-hand"))
        .singleElement().satisfies(f -> assertThat(f.reason()).contains("no metadata sidecar"));
    assertThat(restarted.unannouncedFiles()).filteredOn(f -> f.fileName().equals(damaged.locator()))
        .singleElement().satisfies(f -> assertThat(f.reason()).contains("size mismatch").contains("100 bytes"));
    assertThat(Await.result(freshMaster.locate(damaged.id()))).isEmpty();
    assertThat(Await.result(freshMaster.locate("copied-in-by-hand"))).isEmpty();
    assertThat(unitFiles(store)).containsExactlyInAnyOrder(good.locator(), damaged.locator(), "copied-in-by-hand");
    assertThat(Await.result(restarted.health()).detail()).contains("2 stored files could not be announced");
  }

  @Test
  void deletingAUnitRemovesItsMetadataSidecarToo() {
    DataUnit unit = Await.result(a.push(write(hosts.workDir("step").resolve("o"), randomBytes(4000, 49)), PushRequest.external()));
    assertThat(sidecars(hosts.storeOf("host-a"))).hasSize(1);

    Await.result(a.delete(unit));

    assertThat(entries(hosts.storeOf("host-a"))).isEmpty();
    assertThat(Await.result(a.announceAll())).isEmpty();
  }

  @Test
  void metadataWhoseFileIsGoneIsSweptByTheNextAnnouncement() throws Exception {
    DataUnit unit = Await.result(a.push(write(hosts.workDir("step").resolve("o"), randomBytes(4000, 50)), PushRequest.external()));
    Files.delete(hosts.storeOf("host-a").resolve(unit.locator())); // a crash between file and sidecar delete

    List<DataUnit> announced = Await.result(a.announceAll());

    assertThat(announced).isEmpty();
    assertThat(a.unannouncedFiles()).isEmpty();
    assertThat(entries(hosts.storeOf("host-a"))).isEmpty();
  }

  /** A new adapter instance on host-a's store directory, as after a process restart. */
  private LocalFsAdapter reopen(Locality here, DataRegistry master) {
    AdapterContext context = new AdapterContext(
        vertx, here, master, PeerDirectory.of(Map.of()), new TransferStats(), Clock.systemUTC());
    return Await.result(LocalFsAdapter.open(context, LocalFsOptions.defaults(hosts.storeOf("host-a"))));
  }
}
