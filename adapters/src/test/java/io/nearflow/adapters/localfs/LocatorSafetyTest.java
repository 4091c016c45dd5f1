package io.nearflow.adapters.localfs;

import static io.nearflow.adapters.localfs.TestFiles.entries;
import static io.nearflow.adapters.localfs.TestFiles.randomBytes;
import static io.nearflow.adapters.localfs.TestFiles.sidecars;
import static io.nearflow.adapters.localfs.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.adapters.LocatorRefusedException;
import io.nearflow.adapters.LocatorRefusedException.Reason;
import io.nearflow.adapters.PushRequest;
import io.nearflow.data.Checksums;
import io.nearflow.data.DataUnit;
import io.nearflow.data.DataUnitIds;
import io.nearflow.routing.Locality;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A locator can never name a file outside the store: not through the adapter, not over HTTP. */
@ExtendWith(VertxExtension.class)
class LocatorSafetyTest {
  @TempDir Path tmp;
  PeerHosts hosts;
  LocalFsAdapter adapter;
  HttpClient http;
  Path secret;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    hosts = new PeerHosts(vertx, tmp);
    adapter = hosts.start("host-a", "zone-a");
    http = vertx.createHttpClient();
    secret = write(tmp.resolve("outside").resolve("secret"), "do not serve".getBytes());
    Files.createSymbolicLink(hosts.storeOf("host-a").resolve("escape"), secret);
  }

  @ParameterizedTest
  @ValueSource(strings = {"../outside/secret", "/etc/passwd", "a/../../outside/secret", "..", ".incoming-x", ".unit-x.json"})
  void theAdapterRefusesLocatorsThatAreNotPlainStoreNames(String locator) {
    Throwable pull = Await.failure(adapter.pull(unitAt(locator), hosts.workDir("w")));
    Throwable delete = Await.failure(adapter.delete(unitAt(locator)));

    assertThat(pull).isInstanceOf(LocatorRefusedException.class).hasMessageContaining(locator);
    assertThat(((LocatorRefusedException) pull).reason()).isEqualTo(Reason.MALFORMED);
    assertThat(delete).isInstanceOf(LocatorRefusedException.class);
    assertThat(entries(hosts.workDir("w"))).isEmpty();
    assertThat(secret).exists();
  }

  @Test
  void theAdapterRefusesASymbolicLinkInsideTheStoreThatLeadsOutOfIt() {
    Throwable pull = Await.failure(adapter.pull(unitAt("escape"), hosts.workDir("w")));
    Throwable delete = Await.failure(adapter.delete(unitAt("escape")));

    assertThat(pull).isInstanceOf(LocatorRefusedException.class).hasMessageContaining("outside the store");
    assertThat(((LocatorRefusedException) pull).reason()).isEqualTo(Reason.ESCAPES_STORE);
    assertThat(delete).isInstanceOf(LocatorRefusedException.class);
    assertThat(secret).hasContent("do not serve");
    assertThat(entries(hosts.workDir("w"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"..%2Foutside%2Fsecret", "%2Fetc%2Fpasswd", ".incoming-x", ".unit-x.json", "a%5C..%5Csecret"})
  void thePeerEndpointAnswers400WithAJsonErrorForMalformedLocators(String encodedLocator) {
    Reply reply = get(encodedLocator);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.contentType()).isEqualTo("application/json");
    assertThat(reply.json().getString("error")).contains("refused");
  }

  @Test
  void thePeerEndpointAnswers403ForASymbolicLinkLeadingOutOfTheStore() {
    Reply reply = get("escape");

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.json().getString("error")).contains("outside the store");
    assertThat(reply.json().getString("locator")).isEqualTo("escape");
  }

  @Test
  void thePeerEndpointNeverServesAPathThatClimbsOutEvenUnencoded() {
    Reply reply = get("../../../outside/secret");

    assertThat(reply.status()).isNotEqualTo(200);
    assertThat(reply.body().toString()).doesNotContain("do not serve");
  }

  @Test
  void thePeerEndpointServesAStoredUnitAndAnswers404ForAnUnknownOne() {
    byte[] bytes = randomBytes(5000, 31);
    DataUnit unit = Await.result(adapter.push(write(hosts.workDir("p").resolve("o"), bytes), PushRequest.external()));

    Reply found = get(unit.locator());
    Reply missing = get("no-such-unit");

    assertThat(found.status()).isEqualTo(200);
    assertThat(found.body().getBytes()).isEqualTo(bytes);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().getString("error")).contains("no unit");
  }

  @Test
  void aUnitsMetadataSidecarCanNeverBePulledOrServedAsAUnit() {
    DataUnit unit = Await.result(adapter.push(write(hosts.workDir("p").resolve("o"), randomBytes(3000, 32)), PushRequest.external()));
    List<String> sidecars = sidecars(hosts.storeOf("host-a"));
    assertThat(sidecars).hasSize(1);
    String sidecar = sidecars.get(0);

    Throwable pull = Await.failure(adapter.pull(unitAt(sidecar), hosts.workDir("w")));
    Throwable delete = Await.failure(adapter.delete(unitAt(sidecar)));
    Reply served = get(sidecar);

    assertThat(pull).isInstanceOf(LocatorRefusedException.class);
    assertThat(((LocatorRefusedException) pull).reason()).isEqualTo(Reason.MALFORMED);
    assertThat(delete).isInstanceOf(LocatorRefusedException.class);
    assertThat(served.status()).isEqualTo(400);
    assertThat(served.body().toString()).doesNotContain(unit.checksum());
    assertThat(hosts.storeOf("host-a").resolve(sidecar)).exists();
    assertThat(entries(hosts.workDir("w"))).isEmpty();
  }

  /** Status, content type and body, read on the event loop as the response arrives. */
  private record Reply(int status, String contentType, Buffer body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  private Reply get(String rawLocatorPath) {
    String url = hosts.peers.get("host-a") + LocalFsPeerEndpoint.UNITS_PATH + rawLocatorPath;
    return Await.result(http.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url))
        .compose(request -> request.send())
        .compose(response -> response.body().map(body ->
            new Reply(response.statusCode(), response.getHeader("content-type"), body))));
  }

  private static DataUnit unitAt(String locator) {
    return new DataUnit(DataUnitIds.random(), "local-fs", locator, 12, Checksums.sha256(new byte[12]),
        Locality.of("host-a", "zone-a"), "", Instant.now());
  }
}
