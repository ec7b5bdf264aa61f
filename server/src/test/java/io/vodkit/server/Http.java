package io.vodkit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Plain {@link HttpClient} calls with a bearer token and Jackson trees: what a client of the
 * service written in any language would do. Knows nothing of vodkit's classes.
 */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A status and a parsed JSON body (null when the body is empty). */
  record Answer(int status, JsonNode json, HttpResponse<byte[]> raw) {}

  private final URI api;
  private final String token;

  Http(URI api, String token) {
    this.api = api;
    this.token = token;
  }

  Answer get(String path) throws IOException, InterruptedException {
    return send(request(path).GET().build());
  }

  Answer delete(String path) throws IOException, InterruptedException {
    return send(request(path).DELETE().build());
  }

  Answer post(String path, String json) throws IOException, InterruptedException {
    return send(request(path).header("Content-Type", "application/json").POST(body(json)).build());
  }

  Answer post(String path, String json, String idempotencyKey) throws IOException, InterruptedException {
    return send(request(path).header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
        .POST(body(json)).build());
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private static HttpRequest.BodyPublisher body(String json) {
    return json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json);
  }

  static Answer send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    JsonNode json = r.body().length == 0 ? null : JSON.readTree(r.body());
    return new Answer(r.statusCode(), json, r);
  }
}
