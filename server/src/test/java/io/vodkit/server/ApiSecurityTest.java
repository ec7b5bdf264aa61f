package io.vodkit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vodkit.testing.SourceBytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's refusals, black-box against its own process: authentication, owner isolation,
 * body limits and content types, malformed input with the field named, routing errors, path
 * tricks on the API and CDN listeners, and Idempotency-Key replay and misuse.
 */
class ApiSecurityTest {
  private static final String ALICE = "alice-token-0123456789";
  private static final String BOB = "bob-token-0123456789ab";

  @TempDir static Path dir;
  static ServerProcess server;
  static Http alice;
  static Http bob;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.start(dir,
        "tokens." + ALICE + " = alice\ntokens." + BOB + " = bob\nworkers = 0\nmax_json_bytes = 65536\nwebhooks.allow = loopback\n");
    alice = new Http(server.api, ALICE);
    bob = new Http(server.api, BOB);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static String newVideo(Http who, long size) throws Exception {
    Http.Answer a = who.post("v1/videos", "{\"title\":\"t\",\"content_type\":\"video/mp4\",\"file_size\":" + size + "}");
    assertThat(a.status()).as("%s", a.json()).isEqualTo(201);
    return a.json().path("video_id").asText();
  }

  private static void assertError(Http.Answer a, int status, String code) {
    assertThat(a.status()).as("%s", a.json()).isEqualTo(status);
    assertThat(a.json().path("error").path("code").asText()).isEqualTo(code);
    assertThat(a.json().path("error").path("message").asText()).isNotBlank();
  }

  @Test
  void missingMalformedOrUnknownTokensAre401() throws Exception {
    assertError(new Http(server.api, null).get("v1/videos"), 401, "unauthorized");
    assertError(new Http(server.api, "not-a-configured-token-at-all").get("v1/videos"), 401, "unauthorized");
    assertError(Http.send(HttpRequest.newBuilder(server.api.resolve("v1/videos"))
        .header("Authorization", "Basic " + ALICE).GET().build()), 401, "unauthorized");
    assertError(new Http(server.api, null).post("v1/videos", "{}"), 401, "unauthorized");
  }

  @Test
  void anotherOwnersVideoIsIndistinguishableFromAMissingOne() throws Exception {
    String id = newVideo(alice, 1000);
    Http.Answer missing = bob.get("v1/videos/vid_AAAAAAAAAAAAAAAA");
    for (Http.Answer a : new Http.Answer[] {
        bob.get("v1/videos/" + id), bob.get("v1/videos/" + id + "/upload"), bob.get("v1/videos/" + id + "/transcode-status"),
        bob.post("v1/videos/" + id + "/publish", null), bob.post("v1/videos/" + id + "/cancel", null),
        bob.post("v1/videos/" + id + "/upload/complete", "{\"parts\":[]}"), bob.delete("v1/videos/" + id + "/upload"),
        bob.delete("v1/videos/" + id)}) {
      assertError(a, 404, "not_found");
      assertThat(a.json().path("error").path("message").asText())
          .isEqualTo(missing.json().path("error").path("message").asText().replace("vid_AAAAAAAAAAAAAAAA", id));
    }
    assertThat(bob.get("v1/videos").json().path("videos").findValuesAsText("video_id")).doesNotContain(id);
    assertThat(alice.get("v1/videos/" + id).status()).as("bob's attempts changed nothing").isEqualTo(200);
  }

  @Test
  void oversizeJsonIs413AndNonJsonIs415() throws Exception {
    String big = "{\"title\":\"" + "x".repeat(70_000) + "\",\"content_type\":\"video/mp4\",\"file_size\":1}";
    Http.Answer tooBig = alice.post("v1/videos", big);
    assertError(tooBig, 413, "payload_too_large");
    assertThat(tooBig.raw().headers().firstValue("Connection")).as("a small excess is read and dropped").isEmpty();
    Http.Answer form = Http.send(alice.request("v1/videos").header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("title=t")).build());
    assertError(form, 415, "unsupported_media_type");
  }

  @Test
  void aHugeDeclaredBodyIsRefusedUnreadAndTheConnectionClosed() throws Exception {
    try (Socket socket = new Socket(server.api.getHost(), server.api.getPort())) {
      socket.setSoTimeout(10_000);
      String head = "POST /v1/videos HTTP/1.1\r\nHost: " + server.api.getAuthority() + "\r\n"
          + "Authorization: Bearer " + ALICE + "\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + (ApiHandler.DRAIN_LIMIT_BYTES * 8) + "\r\n\r\n{";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("Connection: close").contains("payload_too_large");
    }
  }

  @Test
  void malformedOrInvalidJsonIs400NamingTheField() throws Exception {
    Http.Answer broken = alice.post("v1/videos", "{\"title\":");
    assertError(broken, 400, "invalid_request");
    assertThat(broken.json().path("error").path("field").asText()).isEqualTo("body");
    assertThat(alice.post("v1/videos", "{\"title\":\"t\",\"content_type\":\"video/mp4\",\"file_size\":\"big\"}")
        .json().path("error").path("field").asText()).isEqualTo("file_size");
    assertThat(alice.post("v1/videos", "{\"title\":\"t\",\"content_type\":\"text/html\",\"file_size\":10}")
        .json().path("error").path("field").asText()).isEqualTo("content_type");
    assertThat(alice.post("v1/videos", "{\"title\":\"t\",\"content_type\":\"video/mp4\",\"file_size\":10,\"owner\":\"bob\"}")
        .json().path("error").path("field").asText()).isEqualTo("owner");
    assertThat(alice.post("v1/videos", "[1,2]").json().path("error").path("field").asText()).isEqualTo("body");
    assertError(alice.get("v1/videos?limit=1000"), 400, "invalid_request");
    assertError(alice.get("v1/videos?cursor=garbage"), 400, "invalid_request");
    assertThat(rawStatusLine(server.api, "/v1/videos?limit=%zz")).startsWith("HTTP/1.1 400 ");
  }

  @Test
  void wrongEtagOnCompleteIs422NamingThePart() throws Exception {
    byte[] bytes = "not really a video".getBytes(StandardCharsets.UTF_8);
    Http.Answer created = alice.post("v1/videos", "{\"title\":\"t\",\"content_type\":\"video/mp4\",\"file_size\":" + bytes.length + "}");
    JsonNode part = created.json().path("multipart").path("parts").get(0);
    HttpResponse<String> put = Http.CLIENT.send(HttpRequest.newBuilder(URI.create(part.path("url").asText()))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).isEqualTo(200);
    Http.Answer wrong = alice.post("v1/videos/" + created.json().path("video_id").asText() + "/upload/complete",
        "{\"parts\":[{\"part_number\":1,\"etag\":\"\\\"0123456789abcdef0123456789abcdef\\\"\"}]}");
    assertError(wrong, 422, "upload_verification_failed");
    assertThat(wrong.json().path("error").path("field").asText()).isEqualTo("parts[1]");
  }

  @Test
  void completingAnUploadThatIsNotAVideoIs422MediaRejectedAndTheVideoFails() throws Exception {
    byte[] bytes = "#EXTM3U\n#EXTINF:1,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n".getBytes(StandardCharsets.UTF_8);
    Http.Answer created = alice.post("v1/videos", "{\"title\":\"t\",\"content_type\":\"video/mp4\",\"file_size\":" + bytes.length + "}");
    String id = created.json().path("video_id").asText();
    HttpResponse<Void> put = Http.CLIENT.send(HttpRequest.newBuilder(URI.create(created.json().path("upload_url").asText()))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding());
    assertThat(put.statusCode()).isEqualTo(200);

    Http.Answer complete = alice.post("v1/videos/" + id + "/upload/complete", "{}");

    assertError(complete, 422, "media_rejected");
    assertThat(complete.json().path("error").path("message").asText()).contains("an HLS playlist");
    Http.Answer video = alice.get("v1/videos/" + id);
    assertThat(video.json().path("status").asText()).isEqualTo("failed");
    assertThat(video.json().path("error").path("code").asText()).isEqualTo("media_rejected");
    assertError(alice.post("v1/videos/" + id + "/publish", null), 409, "conflict");
  }

  @Test
  void unknownRoutesAre404AndWrongMethods405() throws Exception {
    assertError(alice.get("v1/nothing-here"), 404, "not_found");
    Http.Answer put = Http.send(alice.request("v1/videos").PUT(HttpRequest.BodyPublishers.ofString("x")).build());
    assertError(put, 405, "method_not_allowed");
    assertThat(put.raw().headers().firstValue("Allow").orElseThrow()).contains("GET").contains("POST");
  }

  @Test
  void pathTricksAreRefusedOnTheApiAndTheCdn() throws Exception {
    // a real private object to aim at: the source of a video uploaded with one PUT
    byte[] bytes = SourceBytes.around("secret source bytes".getBytes(StandardCharsets.UTF_8));
    Http.Answer created = alice.post("v1/videos", "{\"title\":\"t\",\"content_type\":\"video/mp4\",\"file_size\":" + bytes.length + "}");
    String id = created.json().path("video_id").asText();
    Http.CLIENT.send(HttpRequest.newBuilder(URI.create(created.json().path("upload_url").asText()))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding());
    assertThat(alice.post("v1/videos/" + id + "/upload/complete", "{}").status()).isEqualTo(200);

    for (String path : new String[] {
        "/raw/" + id + "/source", "/videos/../raw/" + id + "/source", "/videos/%2e%2e/raw/" + id + "/source",
        "/videos/%2E%2E/%2E%2E/etc/passwd", "/videos/..%2fraw%2f" + id + "%2fsource", "/../storage/.upload-secret",
        "/videos/..\\raw\\" + id + "\\source", "/.upload-secret"}) {
      String status = rawStatusLine(server.cdn, path);
      assertThat(status).as("CDN %s", path).matches("HTTP/1.1 (400|404) .*");
    }
    for (String path : new String[] {"/v1/videos/%2e%2e/openapi.json", "/v1/videos/..%2f..%2fetc", "/../../etc/passwd"}) {
      assertThat(rawStatusLine(server.api, path)).as("API %s", path).matches("HTTP/1.1 (400|404) .*");
    }
  }

  /** Sends the path exactly as given (no client-side normalization) and returns the status line. */
  private static String rawStatusLine(URI base, String path) throws IOException {
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer " + ALICE
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(response).doesNotContain("secret source bytes");
      return response.lines().findFirst().orElse("");
    }
  }

  @Test
  void webhookUrlsThatReachPrivateOrMetadataAddressesAreRefused() throws Exception {
    for (String url : new String[] {
        "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/hooks", "http://192.168.1.10/hooks",
        "http://[fd00::1]/hooks", "http://[::ffff:169.254.169.254]/", "ftp://127.0.0.1/hooks", "http:///nohost"}) {
      Http.Answer a = alice.post("v1/webhooks", "{\"url\":\"" + url + "\"}");
      assertError(a, 400, "invalid_request");
      assertThat(a.json().path("error").path("field").asText()).as(url).isEqualTo("url");
    }
    assertThat(alice.get("v1/webhooks").json().path("webhooks").size()).as("nothing registered").isZero();

    // loopback is allowed by this server's config; another owner cannot see, rotate or delete it
    Http.Answer ok = alice.post("v1/webhooks", "{\"url\":\"http://127.0.0.1:9/hooks\"}");
    assertThat(ok.status()).as("%s", ok.json()).isEqualTo(201);
    String hook = ok.json().path("webhook_id").asText();
    assertThat(bob.get("v1/webhooks").json().path("webhooks").size()).isZero();
    assertError(bob.post("v1/webhooks/" + hook + "/rotate-secret", "{}"), 404, "not_found");
    assertError(bob.delete("v1/webhooks/" + hook), 404, "not_found");
    Http.Answer rotated = alice.post("v1/webhooks/" + hook + "/rotate-secret", "{\"overlap_s\":60}");
    assertThat(rotated.status()).isEqualTo(200);
    assertThat(rotated.json().path("secret").asText()).isNotEqualTo(ok.json().path("secret").asText());
    assertThat(alice.get("v1/webhooks").json().path("webhooks").get(0).has("secret")).as("secrets are not listed").isFalse();
    assertThat(alice.delete("v1/webhooks/" + hook).status()).isEqualTo(204);
  }

  @Test
  void idempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody() throws Exception {
    String key = "create-" + UUID.randomUUID();
    String body = "{\"title\":\"idempotent\",\"content_type\":\"video/mp4\",\"file_size\":4096}";
    Http.Answer first = alice.post("v1/videos", body, key);
    Http.Answer again = alice.post("v1/videos", body, key);
    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json()).isEqualTo(first.json());
    assertThat(again.raw().headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(first.raw().headers().firstValue("Idempotent-Replayed")).isEmpty();

    Http.Answer other = alice.post("v1/videos", body.replace("idempotent", "another"), key);
    assertError(other, 422, "idempotency_key_reused");
    assertThat(other.json().path("error").path("field").asText()).isEqualTo("Idempotency-Key");

    Http.Answer bobs = bob.post("v1/videos", body, key);
    assertThat(bobs.status()).as("keys are per owner").isEqualTo(201);
    assertThat(bobs.json().path("video_id").asText()).isNotEqualTo(first.json().path("video_id").asText());

    // errors are replayed too: the same invalid request with the same key gets the same 400
    String bad = "{\"title\":\"\",\"content_type\":\"video/mp4\",\"file_size\":1}";
    String badKey = "bad-" + UUID.randomUUID();
    assertThat(alice.post("v1/videos", bad, badKey).json()).isEqualTo(alice.post("v1/videos", bad, badKey).json());
    assertError(alice.post("v1/videos", body, "bad key with spaces"), 400, "invalid_request");

    long made = alice.get("v1/videos?limit=100").json().path("videos").findValuesAsText("title").stream()
        .filter("idempotent"::equals).count();
    assertThat(made).isEqualTo(1);
  }
}
