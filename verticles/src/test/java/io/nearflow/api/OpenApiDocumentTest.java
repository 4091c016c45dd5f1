package io.nearflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.nearflow.api.http.HttpApi;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document is hand-written, so it is checked against the routes the server mounts:
 * both ways, every operation, with the same paths and methods.
 */
class OpenApiDocumentTest {

  private static JsonNode document() throws Exception {
    try (InputStream in = OpenApiDocumentTest.class.getClassLoader().getResourceAsStream(ApiVerticle.OPENAPI_RESOURCE)) {
      assertThat(in).as("resource " + ApiVerticle.OPENAPI_RESOURCE).isNotNull();
      return new ObjectMapper(new YAMLFactory()).readTree(in);
    }
  }

  @Test
  void the_document_is_openapi_3_and_every_error_response_uses_the_error_schema() throws Exception {
    JsonNode doc = document();
    assertThat(doc.get("openapi").asText()).startsWith("3.0");
    assertThat(doc.at("/servers/0/url").asText()).isEqualTo("/api/v1");
    assertThat(doc.at("/components/schemas/Error/required").toString()).contains("error").contains("status");
    doc.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
      JsonNode responses = op.getValue().get("responses");
      if (responses == null) {
        return; // path-level parameters
      }
      responses.fields().forEachRemaining(r -> {
        if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
          String text = r.getValue().toString();
          assertThat(text).as(path.getKey() + " " + op.getKey() + " " + r.getKey())
              .containsAnyOf("#/components/responses/", "#/components/schemas/Error", "#/components/schemas/Health");
        }
      });
    }));
  }

  @Test
  void the_document_describes_exactly_the_routes_the_server_mounts() throws Exception {
    Set<String> documented = new TreeSet<>();
    document().get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
      if (!method.equals("parameters")) {
        documented.add(method.toUpperCase() + " " + path.getKey().replaceAll("\\{[^}]+}", "{}"));
      }
    }));
    Vertx vertx = Vertx.vertx();
    try {
      Router api = HttpApi.router(vertx, ApiOptions.defaults(), null, null, null, null, null);
      Set<String> mounted = new TreeSet<>();
      for (Route route : api.getRoutes()) {
        if (route.getPath() != null && route.methods() != null) {
          route.methods().forEach(m -> mounted.add(m.name() + " " + route.getPath().replaceAll(":[^/]+", "{}")));
        }
      }
      assertThat(documented).isEqualTo(mounted);
    } finally {
      vertx.close();
    }
  }
}
