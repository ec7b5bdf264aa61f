package io.vodkit.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.examples.TestClip;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Boots the example on fs + SQLite in a temp directory and drives it over real HTTP: create, PUT the
 * parts to the returned URLs, complete with the ETags, publish, poll until ready, fetch the manifest
 * from the origin; plus the error shape and the Actuator health and metrics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // closes the pipeline before the temp directory is deleted
class UploadToReadyOverHttpTest {
  @TempDir static Path dir;

  @DynamicPropertySource
  static void vodkit(DynamicPropertyRegistry registry) {
    registry.add("vodkit.data-dir", () -> dir.resolve("data").toString());
    registry.add("vodkit.workers", () -> "1");
  }

  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void uploadPublishAndPollUntilReady() throws Exception {
    Path clip = TestClip.generate(dir.resolve("clip.mp4"), 320, 180, 2, 300);
    long size = Files.size(clip);

    Response created = post("/v1/videos",
        Map.of("title", "Eiger north face", "content_type", "video/mp4", "file_size", size));
    assertThat(created.status).isEqualTo(201);
    String id = created.body.get("video_id").asString();
    assertThat(id).startsWith("vid_");
    assertThat(created.body.get("status").asString()).isEqualTo("awaiting_upload");
    assertThat(created.body.get("upload_method").asString()).isEqualTo("PUT");
    assertThat(created.body.get("upload_url").asString()).startsWith("http://127.0.0.1:");
    assertThat(Instant.parse(created.body.get("upload_expires_at").asString())).isAfter(Instant.now());
    JsonNode parts = created.body.get("parts");
    assertThat(parts.size()).isEqualTo(1);

    List<Map<String, Object>> etags = new ArrayList<>();
    for (JsonNode part : parts) {
      byte[] bytes = slice(clip, part.get("offset").asLong(), part.get("size").asInt());
      HttpResponse<String> put = http.send(
          HttpRequest.newBuilder(URI.create(part.get("url").asString())).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(put.statusCode()).isEqualTo(200);
      String etag = put.headers().firstValue("ETag").orElseThrow();
      etags.add(Map.of("part_number", part.get("part_number").asInt(), "etag", etag));
    }

    Response wrong = post("/v1/videos/" + id + "/upload/complete",
        Map.of("parts", List.of(Map.of("part_number", 1, "etag", "\"00000000000000000000000000000000\""))));
    assertThat(wrong.status).isEqualTo(422);
    assertThat(wrong.body.at("/error/code").asString()).isEqualTo("upload_verification_failed");
    assertThat(wrong.body.at("/error/field").asString()).isEqualTo("parts[1]");

    Response completed = post("/v1/videos/" + id + "/upload/complete", Map.of("parts", etags));
    assertThat(completed.status).isEqualTo(200);
    assertThat(completed.body.get("status").asString()).isEqualTo("uploaded");

    Response published = post("/v1/videos/" + id + "/publish", Map.of());
    assertThat(published.status).isEqualTo(202);
    assertThat(published.body.get("transcode_job_id").asString()).startsWith("tjob_");
    assertThat(published.body.get("status").asString()).isEqualTo("transcoding");

    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    JsonNode video;
    do {
      Thread.sleep(250);
      video = get("/v1/videos/" + id).body;
    } while (!List.of("ready", "partial", "failed").contains(video.get("status").asString()) && Instant.now().isBefore(deadline));
    assertThat(video.get("status").asString()).as("video %s", video).isEqualTo("ready");
    assertThat(video.get("renditions").size()).isGreaterThanOrEqualTo(1);
    assertThat(video.get("renditions").get(0).get("height").asInt()).isEqualTo(180); // never upscaled
    assertThat(video.get("duration_s").asDouble()).isBetween(1.5, 2.5);

    Response status = get("/v1/videos/" + id + "/transcode-status");
    assertThat(status.body.get("status").asString()).isEqualTo("complete");
    assertThat(status.body.get("progress_pct").asInt()).isEqualTo(100);
    assertThat(status.body.get("completed_at").isNull()).isFalse();

    HttpResponse<String> master = http.send(
        HttpRequest.newBuilder(URI.create(video.get("manifest_url").asString())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(master.statusCode()).isEqualTo(200);
    assertThat(master.body()).startsWith("#EXTM3U").contains("#EXT-X-STREAM-INF");
  }

  @Test
  void errorsCarryCodeMessageAndField() throws Exception {
    Response missing = get("/v1/videos/vid_doesnotexist0");
    assertThat(missing.status).isEqualTo(404);
    assertThat(missing.body.at("/error/code").asString()).isEqualTo("not_found");
    assertThat(missing.body.at("/error/message").asString()).contains("vid_doesnotexist0");

    Response noTitle = post("/v1/videos", Map.of("content_type", "video/mp4", "file_size", 100));
    assertThat(noTitle.status).isEqualTo(400);
    assertThat(noTitle.body.at("/error/code").asString()).isEqualTo("invalid_request");
    assertThat(noTitle.body.at("/error/field").asString()).isEqualTo("title");

    Response notVideo = post("/v1/videos", Map.of("title", "x", "content_type", "text/plain", "file_size", 100));
    assertThat(notVideo.body.at("/error/field").asString()).isEqualTo("content_type");

    HttpResponse<String> garbage = http.send(
        HttpRequest.newBuilder(api("/v1/videos")).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{not json")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(json.readTree(garbage.body()).at("/error/code").asString()).isEqualTo("invalid_request");

    Response early = post("/v1/videos/" + post("/v1/videos",
        Map.of("title", "x", "content_type", "video/mp4", "file_size", 100)).body.get("video_id").asString() + "/publish", Map.of());
    assertThat(early.status).isEqualTo(409);
    assertThat(early.body.at("/error/code").asString()).isEqualTo("conflict");
  }

  @Test
  void actuatorShowsVodkitHealthAndJobGauges() throws Exception {
    Response health = get("/actuator/health");
    assertThat(health.status).isEqualTo(200);
    JsonNode vodkit = health.body.at("/components/vodkit");
    assertThat(vodkit.get("status").asString()).isEqualTo("UP");
    assertThat(vodkit.at("/details/store").asString()).isEqualTo("ok");
    assertThat(vodkit.at("/details/ffmpeg").asString()).isEqualTo("ok");
    assertThat(vodkit.at("/details/queued").isNumber()).isTrue();

    Response gauge = get("/actuator/metrics/vodkit.jobs?tag=status:complete");
    assertThat(gauge.status).isEqualTo(200);
    assertThat(gauge.body.at("/measurements/0/value").isNumber()).isTrue();
  }

  private record Response(int status, JsonNode body) {}

  private URI api(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private Response get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(api(path)).build(), HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), json.readTree(r.body()));
  }

  private Response post(String path, Object body) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(api(path)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), json.readTree(r.body()));
  }

  private static byte[] slice(Path file, long offset, int size) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(offset);
      return in.readNBytes(size);
    }
  }
}
