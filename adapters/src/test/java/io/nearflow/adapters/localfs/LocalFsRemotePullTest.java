package io.nearflow.adapters.localfs;

import static io.nearflow.adapters.localfs.TestFiles.inode;
import static io.nearflow.adapters.localfs.TestFiles.randomBytes;
import static io.nearflow.adapters.localfs.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.adapters.PullMethod;
import io.nearflow.adapters.PulledFile;
import io.nearflow.adapters.PushRequest;
import io.nearflow.adapters.TransferStats;
import io.nearflow.data.DataLocation;
import io.nearflow.data.DataUnit;
import io.nearflow.routing.Locality;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class LocalFsRemotePullTest {
  static final int THREE_MIB = 3 << 20;

  @TempDir java.nio.file.Path tmp;
  Vertx vertx;
  PeerHosts hosts;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    hosts = new PeerHosts(vertx, tmp);
  }

  @Test
  void aRemotePullArrivesByteIdenticalAndIsCountedFromTheHoldersZoneToThePullersZone() {
    LocalFsAdapter a = hosts.start("host-a", "zone-a");
    LocalFsAdapter b = hosts.start("host-b", "zone-b");
    byte[] bytes = randomBytes(THREE_MIB, 11);
    DataUnit unit = Await.result(b.push(write(hosts.workDir("on-b").resolve("o"), bytes), PushRequest.external()));

    PulledFile pulled = Await.result(a.pull(unit, hosts.workDir("on-a")));

    assertThat(pulled.method()).isEqualTo(PullMethod.REMOTE_TRANSFER);
    assertThat(pulled.path()).hasBinaryContent(bytes);
    assertThat(pulled.bytesMoved()).isEqualTo(THREE_MIB);
    assertThat(pulled.source()).isEqualTo(Locality.of("host-b", "zone-b"));
    TransferStats.Snapshot stats = hosts.stats.snapshot();
    assertThat(stats.bytesBetween("zone-b", "zone-a")).isEqualTo(THREE_MIB);
    assertThat(stats.bytesBetween("zone-a", "zone-b")).isZero();
    assertThat(stats.crossZoneBytes()).isEqualTo(THREE_MIB);
    assertThat(stats.pulls(PullMethod.REMOTE_TRANSFER)).isEqualTo(1);
  }

  @Test
  void aRemotePullLeavesARegisteredReplicaSoTheNextPullOnThatHostIsAHardLink() {
    LocalFsAdapter a = hosts.start("host-a", "zone-a");
    LocalFsAdapter b = hosts.start("host-b", "zone-b");
    DataUnit unit = Await.result(b.push(write(hosts.workDir("on-b").resolve("o"), randomBytes(50_000, 12)), PushRequest.external()));
    Await.result(a.pull(unit, hosts.workDir("first")));

    PulledFile second = Await.result(a.pull(unit, hosts.workDir("second")));

    assertThat(second.method()).isEqualTo(PullMethod.HARD_LINK);
    assertThat(inode(second.path())).isEqualTo(inode(hosts.storeOf("host-a").resolve(unit.locator())));
    assertThat(Await.result(hosts.registry.locate(unit.id())))
        .extracting(DataLocation::locality)
        .containsExactly(Locality.of("host-b", "zone-b"), Locality.of("host-a", "zone-a"));
    assertThat(hosts.stats.snapshot().bytesBetween("zone-b", "zone-a")).isEqualTo(50_000);
  }

  @Test
  void concurrentPullsOfOneRemoteUnitOnOneHostTransferTheBytesOnce() {
    LocalFsAdapter a = hosts.start("host-a", "zone-a");
    LocalFsAdapter b = hosts.start("host-b", "zone-b");
    byte[] bytes = randomBytes(THREE_MIB, 13);
    DataUnit unit = Await.result(b.push(write(hosts.workDir("on-b").resolve("o"), bytes), PushRequest.external()));

    List<Future<PulledFile>> pulls = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      pulls.add(a.pull(unit, hosts.workDir("hop-" + i)));
    }
    Await.result(Future.all(pulls));

    for (Future<PulledFile> pull : pulls) {
      assertThat(pull.result().path()).hasBinaryContent(bytes);
    }
    assertThat(hosts.stats.snapshot().bytesBetween("zone-b", "zone-a")).isEqualTo(THREE_MIB);
    assertThat(hosts.stats.snapshot().pulls(PullMethod.REMOTE_TRANSFER)).isEqualTo(1);
    assertThat(pulls).extracting(p -> p.result().bytesMoved()).containsOnlyOnce((long) THREE_MIB);
  }

  @Test
  void aHostPullsFromACopyInItsOwnZoneBeforeGoingToAnotherZone() {
    LocalFsAdapter a = hosts.start("host-a", "zone-a");
    LocalFsAdapter c = hosts.start("host-c", "zone-a");
    LocalFsAdapter b = hosts.start("host-b", "zone-b");
    DataUnit unit = Await.result(b.push(write(hosts.workDir("on-b").resolve("o"), randomBytes(100_000, 14)), PushRequest.external()));
    Await.result(c.pull(unit, hosts.workDir("on-c"))); // crosses zones once, leaves a replica on c

    PulledFile pulled = Await.result(a.pull(unit, hosts.workDir("on-a")));

    assertThat(pulled.source()).isEqualTo(Locality.of("host-c", "zone-a"));
    assertThat(hosts.stats.snapshot().bytesBetween("zone-b", "zone-a")).isEqualTo(100_000);
    assertThat(hosts.stats.snapshot().bytesBetween("zone-a", "zone-a")).isEqualTo(100_000);
  }

  @Test
  void keepAliveReusesOneConnectionPerPeerAndCanBeSwitchedOffForBenchmarks() {
    LocalFsAdapter reusing = hosts.start("host-a", "zone-a");
    LocalFsAdapter fresh = hosts.start("host-c", "zone-a", options -> options.withKeepAlive(false));
    LocalFsAdapter b = hosts.start("host-b", "zone-b");
    for (int i = 0; i < 3; i++) {
      DataUnit unit = Await.result(b.push(write(hosts.workDir("on-b").resolve("o" + i), randomBytes(1000, i)), PushRequest.external()));
      Await.result(reusing.pull(unit, hosts.workDir("a-" + i)));
    }
    int afterReusing = hosts.connections.get("host-b").get();
    for (int i = 3; i < 6; i++) {
      DataUnit unit = Await.result(b.push(write(hosts.workDir("on-b").resolve("o" + i), randomBytes(1000, i)), PushRequest.external()));
      Await.result(fresh.pull(unit, hosts.workDir("c-" + i)));
    }

    assertThat(afterReusing).isEqualTo(1);
    assertThat(hosts.connections.get("host-b").get() - afterReusing).isEqualTo(3);
  }
}
