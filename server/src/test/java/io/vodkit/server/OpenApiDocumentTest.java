package io.vodkit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.vodkit.JobStatus;
import io.vodkit.RenditionState;
import io.vodkit.VideoStatus;
import io.vodkit.spi.WebhookDelivery;
import io.vodkit.testing.SourceBytes;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@code /v1/openapi.json} true: its paths and methods are exactly the router's routes, and
 * real answers of a running server conform to the documented response schemas (every required
 * property present, types and enums right, no undocumented property).
 */
class OpenApiDocumentTest {
  private static final String TOKEN = "alice-token-0123456789";
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

  @TempDir static Path dir;
  static VodkitServer server;
  static JsonNode doc;
  static Http http;

  @BeforeAll
  static void start() throws Exception {
    server = VodkitServer.start(ServerConfig.fromMap(Map.of(
        "data_dir", dir.toString(), "api.listen", "127.0.0.1:0", "uploads.listen", "127.0.0.1:0",
        "cdn.listen", "127.0.0.1:0", "tokens." + TOKEN, "alice", "workers", "0", "webhooks.allow", "loopback"), null));
    http = new Http(server.baseUrls().api(), TOKEN);
    Http.Answer served = new Http(server.baseUrls().api(), null).get("v1/openapi.json");
    assertThat(served.status()).as("served without a token").isEqualTo(200);
    doc = served.json();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void documentsExactlyTheRoutesTheRouterServes() {
    assertThat(doc.path("openapi").asText()).startsWith("3.1");
    Set<String> documented = new TreeSet<>();
    doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
      if (METHODS.contains(op.getKey())) {
        documented.add(op.getKey().toUpperCase() + " " + path.getKey());
      }
    }));
    Set<String> served = new TreeSet<>();
    for (Router.Route r : server.router().routes()) {
      served.add(r.method() + " " + r.openApiPath());
    }
    assertThat(documented).isEqualTo(served);
    for (Router.Route r : server.router().routes()) {
      JsonNode responses = operation(r.method(), r.openApiPath()).path("responses");
      assertThat(responses.properties()).as("%s %s", r.method(), r.pattern())
          .anyMatch(e -> e.getKey().startsWith("2"));
      if (r.authenticated()) {
        assertThat(responses.has("401")).as("%s %s documents 401", r.method(), r.pattern()).isTrue();
      }
    }
  }

  @Test
  void documentedStatusEnumsAreTheLibrarysStates() {
    assertThat(enumOf("RenditionProgress", "status"))
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(RenditionState.values()).map(RenditionState::wireName).toList());
    assertThat(enumOf("Video", "status"))
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(VideoStatus.values()).map(VideoStatus::wireName).toList());
    assertThat(enumOf("TranscodeStatus", "status"))
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(JobStatus.values())
            .map(j -> j == JobStatus.PROCESSING ? "transcoding" : j.wireName()).toList());
    assertThat(enumOf("Delivery", "state"))
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(WebhookDelivery.State.values()).map(WebhookDelivery.State::wireName).toList());
  }

  private static List<String> enumOf(String schema, String property) {
    List<String> values = new ArrayList<>();
    doc.path("components").path("schemas").path(schema).path("properties").path(property).path("enum")
        .forEach(v -> values.add(v.asText()));
    assertThat(values).as("%s.%s enum", schema, property).isNotEmpty();
    return values;
  }

  @Test
  void realAnswersConformToTheDocumentedSchemas() throws Exception {
    Http.Answer created = http.post("v1/videos", "{\"title\":\"t\",\"content_type\":\"video/mp4\",\"file_size\":16}");
    conforms("POST", "/v1/videos", created);
    String id = created.json().path("video_id").asText();
    conforms("GET", "/v1/videos/{id}/upload", http.get("v1/videos/" + id + "/upload"));
    HttpResponse<Void> put = Http.CLIENT.send(HttpRequest.newBuilder(URI.create(created.json().path("upload_url").asText()))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(SourceBytes.random(16, 16))).build(), HttpResponse.BodyHandlers.discarding());
    assertThat(put.statusCode()).isEqualTo(200);
    conforms("POST", "/v1/videos/{id}/upload/complete", http.post("v1/videos/" + id + "/upload/complete", "{}"));
    conforms("POST", "/v1/videos/{id}/publish", http.post("v1/videos/" + id + "/publish", null));
    conforms("GET", "/v1/videos/{id}/transcode-status", http.get("v1/videos/" + id + "/transcode-status"));
    conforms("GET", "/v1/videos/{id}", http.get("v1/videos/" + id));
    conforms("GET", "/v1/videos", http.get("v1/videos?limit=5"));
    conforms("POST", "/v1/videos/{id}/cancel", http.post("v1/videos/" + id + "/cancel", null));
    Http.Answer failed = http.get("v1/videos/" + id);
    assertThat(failed.json().path("error").path("code").asText()).isEqualTo("cancelled");
    conforms("GET", "/v1/videos/{id}", failed);
    conforms("GET", "/v1/videos/{id}", http.get("v1/videos/vid_AAAAAAAAAAAAAAAA"));
    conforms("POST", "/v1/videos/{id}/cancel", http.post("v1/videos/" + id + "/cancel", null));
    conforms("POST", "/v1/videos", http.post("v1/videos", "{\"title\":1}"));
    conforms("GET", "/v1/videos", new Http(server.baseUrls().api(), null).get("v1/videos"));
    conforms("GET", "/v1/health", new Http(server.baseUrls().api(), null).get("v1/health"));
    assertThat(http.delete("v1/videos/" + id).status()).isEqualTo(204);
  }

  @Test
  void webhookAnswersConformToTheDocumentedSchemas() throws Exception {
    Http.Answer registered = http.post("v1/webhooks", "{\"url\":\"http://127.0.0.1:9/hooks\"}");
    conforms("POST", "/v1/webhooks", registered);
    String hook = registered.json().path("webhook_id").asText();
    conforms("GET", "/v1/webhooks", http.get("v1/webhooks"));
    conforms("POST", "/v1/webhooks/{id}/rotate-secret", http.post("v1/webhooks/" + hook + "/rotate-secret", "{\"overlap_s\":10}"));
    conforms("GET", "/v1/webhook-deliveries", http.get("v1/webhook-deliveries?state=dead"));
    conforms("GET", "/v1/webhook-deliveries", http.get("v1/webhook-deliveries?state=nonsense"));
    conforms("POST", "/v1/webhook-deliveries/{id}/redeliver", http.post("v1/webhook-deliveries/whd_missing/redeliver", null));
    conforms("POST", "/v1/webhooks", http.post("v1/webhooks", "{\"url\":\"http://10.1.2.3/\"}"));
    conforms("DELETE", "/v1/webhooks/{id}", http.delete("v1/webhooks/" + hook));
    conforms("DELETE", "/v1/webhooks/{id}", http.delete("v1/webhooks/" + hook));
  }

  private static JsonNode operation(String method, String path) {
    JsonNode op = doc.path("paths").path(path).path(method.toLowerCase());
    assertThat(op.isObject()).as("%s %s is documented", method, path).isTrue();
    return op;
  }

  private static void conforms(String method, String path, Http.Answer answer) {
    JsonNode response = operation(method, path).path("responses").path(String.valueOf(answer.status()));
    assertThat(response.isObject()).as("%s %s documents status %s (body %s)", method, path, answer.status(), answer.json()).isTrue();
    JsonNode schema = response.path("content").path("application/json").path("schema");
    if (schema.isMissingNode()) {
      assertThat(answer.json()).as("%s %s %s has no body", method, path, answer.status()).isNull();
      return;
    }
    List<String> problems = new ArrayList<>();
    check(answer.json(), schema, method + " " + path + " " + answer.status() + " $", problems);
    assertThat(problems).as("answer %s", answer.json()).isEmpty();
  }

  private static JsonNode resolve(JsonNode schema) {
    while (schema.has("$ref")) {
      String ref = schema.path("$ref").asText();
      assertThat(ref).startsWith("#/");
      schema = doc.at(ref.substring(1));
      if (schema.isMissingNode()) {
        fail("dangling $ref " + ref);
      }
    }
    return schema;
  }

  private static void check(JsonNode value, JsonNode schema, String where, List<String> problems) {
    schema = resolve(schema);
    if (schema.has("oneOf")) {
      for (JsonNode branch : schema.path("oneOf")) {
        List<String> p = new ArrayList<>();
        check(value, branch, where, p);
        if (p.isEmpty()) {
          return;
        }
      }
      problems.add(where + ": matches no oneOf branch: " + value);
      return;
    }
    Set<String> types = new TreeSet<>();
    JsonNode type = schema.path("type");
    if (type.isArray()) {
      type.forEach(t -> types.add(t.asText()));
    } else if (type.isTextual()) {
      types.add(type.asText());
    }
    String actual = value.isNull() ? "null" : value.isObject() ? "object" : value.isArray() ? "array"
        : value.isIntegralNumber() ? "integer" : value.isNumber() ? "number" : value.isBoolean() ? "boolean" : "string";
    boolean typeOk = types.isEmpty() || types.contains(actual) || (actual.equals("integer") && types.contains("number"));
    if (!typeOk) {
      problems.add(where + ": is " + actual + ", documented " + types);
      return;
    }
    if (schema.has("enum") && !value.isNull()) {
      boolean listed = false;
      for (JsonNode e : schema.path("enum")) {
        listed |= e.equals(value);
      }
      if (!listed) {
        problems.add(where + ": " + value + " is not in " + schema.path("enum"));
      }
    }
    if (value.isObject()) {
      for (JsonNode required : schema.path("required")) {
        if (!value.has(required.asText())) {
          problems.add(where + ": required property " + required.asText() + " is missing");
        }
      }
      JsonNode properties = schema.path("properties");
      if (properties.isObject()) {
        value.properties().forEach(p -> {
          if (!properties.has(p.getKey())) {
            problems.add(where + ": property " + p.getKey() + " is not documented");
          } else {
            check(p.getValue(), properties.path(p.getKey()), where + "." + p.getKey(), problems);
          }
        });
      }
    }
    if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(value.get(i), schema.path("items"), where + "[" + i + "]", problems);
      }
    }
  }
}
