package io.vodkit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vodkit.examples.TestClip;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole flow against the service running as its own process, over plain HTTP with Jackson
 * trees only (the clip is generated with ffmpeg first): create, PUT the planned parts to the
 * uploads listener, complete with their ETags, publish, poll the transcode status, read the video,
 * fetch the HLS master from the CDN listener and every playlist, init segment and media segment
 * it names, receive the signed webhook on a local receiver (HMAC checked here), list, delete; then
 * SIGTERM stops the process.
 */
class FullFlowBlackBoxTest {
  private static final String TOKEN = "alice-token-0123456789";
  private static final Pattern URI_ATTR = Pattern.compile("URI=\"([^\"]+)\"");

  @TempDir Path dir;

  @Test
  void uploadPublishTranscodeAndPlayOverHttpOnly() throws Exception {
    // 6 s of 640x360 at ~12 Mbit/s: about 9.5 MB, so two parts of the default 8 MiB plan
    Path clip = TestClip.generate(dir.resolve("clip.mp4"), 640, 360, 6, 12_000);
    byte[] file = Files.readAllBytes(clip);

    try (WebhookReceiver receiver = new WebhookReceiver();
        ServerProcess server = ServerProcess.start(dir, "tokens." + TOKEN + " = alice\nworkers = 1\nwebhooks.allow = loopback\n")) {
      Http http = new Http(server.api, TOKEN);

      Http.Answer hook = http.post("v1/webhooks", "{\"url\":\"" + receiver.url() + "\"}");
      assertThat(hook.status()).as("%s", hook.json()).isEqualTo(201);
      String secret = hook.json().path("secret").asText();
      assertThat(secret).startsWith("whsec_");

      Http.Answer created = http.post("v1/videos",
          "{\"title\":\"Climbing the Eiger\",\"description\":\"test\",\"content_type\":\"video/mp4\",\"file_size\":" + file.length + "}");
      assertThat(created.status()).as("%s", created.json()).isEqualTo(201);
      JsonNode c = created.json();
      String id = c.path("video_id").asText();
      assertThat(id).startsWith("vid_");
      assertThat(c.path("status").asText()).isEqualTo("awaiting_upload");
      assertThat(c.path("upload_method").asText()).isEqualTo("PUT");
      assertThat(Instant.parse(c.path("upload_expires_at").asText())).isAfter(Instant.now().plus(Duration.ofMinutes(50)));
      assertThat(URI.create(c.path("upload_url").asText()).getPort()).isEqualTo(server.uploads.getPort());
      JsonNode parts = c.path("multipart").path("parts");
      assertThat(parts.size()).isEqualTo(2).isEqualTo(c.path("multipart").path("part_count").asInt());

      // PUT every part straight to the uploads listener: no media byte goes to the API
      ArrayNode completed = Http.JSON.createArrayNode();
      for (JsonNode part : parts) {
        URI url = URI.create(part.path("url").asText());
        assertThat(url.getPort()).isEqualTo(server.uploads.getPort()).isNotEqualTo(server.api.getPort());
        int from = part.path("offset").asInt();
        byte[] chunk = Arrays.copyOfRange(file, from, from + part.path("size").asInt());
        HttpResponse<String> put = Http.CLIENT.send(
            HttpRequest.newBuilder(url).header("Content-Type", "video/mp4").PUT(HttpRequest.BodyPublishers.ofByteArray(chunk)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        String etag = put.headers().firstValue("ETag").orElseThrow();
        completed.addObject().put("part_number", part.path("part_number").asInt()).put("etag", etag);
      }

      Http.Answer resume = http.get("v1/videos/" + id + "/upload");
      assertThat(resume.status()).isEqualTo(200);
      assertThat(resume.json().path("received_parts").findValuesAsText("etag"))
          .containsExactlyElementsOf(completed.findValuesAsText("etag"));

      ObjectNode completeBody = Http.JSON.createObjectNode();
      completeBody.set("parts", completed);
      Http.Answer complete = http.post("v1/videos/" + id + "/upload/complete", completeBody.toString());
      assertThat(complete.status()).as("%s", complete.json()).isEqualTo(200);
      assertThat(complete.json().path("status").asText()).isEqualTo("uploaded");

      Http.Answer published = http.post("v1/videos/" + id + "/publish", null);
      assertThat(published.status()).as("%s", published.json()).isEqualTo(202);
      String jobId = published.json().path("job_id").asText();
      assertThat(jobId).startsWith("tjob_");
      assertThat(published.json().path("status").asText()).isEqualTo("transcoding");
      assertThat(published.json().path("status_url").asText()).endsWith("/v1/videos/" + id + "/transcode-status");

      JsonNode status = awaitTerminal(http, id, Duration.ofMinutes(5));
      assertThat(status.path("status").asText()).as("%s", status).isEqualTo("complete");
      assertThat(status.path("job_id").asText()).isEqualTo(jobId);
      assertThat(status.path("progress_pct").asInt()).isEqualTo(100);
      assertThat(status.path("attempt").asInt()).isEqualTo(1);
      assertThat(status.path("completed_at").asText()).endsWith("Z");
      // the 360p source is never upscaled: 360p done, the higher rungs skipped
      assertThat(status.path("renditions").findValuesAsText("status")).contains("done").allMatch(s -> s.equals("done") || s.equals("skipped"));

      // the signed webhook: verify the HMAC ourselves, over "<timestamp>.<body>"
      WebhookReceiver.Received event = receiver.next(60);
      assertThat(event).as("a webhook within 60 s of completion").isNotNull();
      String timestamp = event.headers().get("x-webhook-timestamp");
      assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp))).isLessThan(300);
      assertThat(event.headers().get("x-webhook-signature").split(","))
          .contains("sha256=" + hmacSha256Hex(secret, timestamp + "." + event.body()));
      assertThat(hmacSha256Hex("whsec_wrong", timestamp + "." + event.body()))
          .isNotIn((Object[]) event.headers().get("x-webhook-signature").replace("sha256=", "").split(","));
      JsonNode payload = Http.JSON.readTree(event.body());
      assertThat(payload.path("event_id").asText()).startsWith("evt_" + jobId);
      assertThat(payload.path("data").path("video_id").asText()).isEqualTo(id);
      assertThat(payload.path("data").path("status").asText()).isEqualTo("complete");
      assertThat(payload.path("data").path("manifest_url").asText()).startsWith(server.cdn.toString()).endsWith("manifest.m3u8");
      // the dispatcher records the 2xx just after the receiver answered it
      Instant until = Instant.now().plusSeconds(10);
      List<String> delivered;
      do {
        delivered = http.get("v1/webhook-deliveries?state=delivered").json().path("deliveries").findValuesAsText("event_id");
      } while (delivered.isEmpty() && Instant.now().isBefore(until) && sleep(100));
      assertThat(delivered).containsExactly(payload.path("event_id").asText());

      Http.Answer video = http.get("v1/videos/" + id);
      assertThat(video.status()).isEqualTo(200);
      JsonNode v = video.json();
      assertThat(v.path("status").asText()).isEqualTo("ready");
      assertThat(v.path("duration_s").asDouble()).isBetween(5.5, 6.5);
      assertThat(v.path("renditions").findValuesAsText("quality")).contains("360p");
      assertThat(v.path("view_count").asLong()).isZero();
      URI master = URI.create(v.path("manifest_url").asText());
      assertThat(master.getPort()).isEqualTo(server.cdn.getPort());

      int fetched = fetchEverything(master);
      System.out.println("fetched " + fetched + " playlists and segments from " + server.cdn);
      assertThat(fetched).isGreaterThanOrEqualTo(6); // master, 2 playlists, 2 inits, >= 2 video + audio segments
      assertThat(cdnGet(URI.create(v.path("dash_manifest_url").asText())).statusCode()).isEqualTo(200);

      Http.Answer list = http.get("v1/videos?limit=10");
      assertThat(list.status()).isEqualTo(200);
      assertThat(list.json().path("videos").findValuesAsText("video_id")).contains(id);

      assertThat(http.delete("v1/videos/" + id).status()).isEqualTo(204);
      assertThat(http.get("v1/videos/" + id).status()).isEqualTo(404);
      assertThat(cdnGet(master).statusCode()).isEqualTo(404);

      assertThat(server.stop()).as("exit code after SIGTERM").isEqualTo(143);
      assertThat(Files.readString(server.log)).contains("\"path\":\"/v1/videos/" + id + "/publish\"");
    }
  }

  private static boolean sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
    return true;
  }

  private static String hmacSha256Hex(String key, String message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
  }

  private static JsonNode awaitTerminal(Http http, String id, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    String last = "";
    while (true) {
      Http.Answer a = http.get("v1/videos/" + id + "/transcode-status");
      assertThat(a.status()).isEqualTo(200);
      JsonNode s = a.json();
      String line = s.path("status").asText() + " " + s.path("progress_pct").asInt() + "% " + s.path("renditions");
      if (!line.equals(last)) {
        System.out.println("transcode-status: " + line);
        last = line;
      }
      if (Set.of("complete", "partial", "failed", "cancelled").contains(s.path("status").asText())) {
        return s;
      }
      assertThat(Instant.now()).as("transcode still %s", line).isBefore(deadline);
      Thread.sleep(250);
    }
  }

  /** GETs the master, every playlist it names, and every init and media segment of those; all must be 200. */
  private static int fetchEverything(URI master) throws Exception {
    Set<URI> playlists = new LinkedHashSet<>(references(master, text(master)));
    int count = 1;
    for (URI playlist : playlists) {
      String body = text(playlist);
      count++;
      List<URI> media = references(playlist, body);
      assertThat(media).as("segments of %s", playlist).isNotEmpty();
      for (URI segment : media) {
        HttpResponse<byte[]> r = cdnGet(segment);
        assertThat(r.statusCode()).as("%s", segment).isEqualTo(200);
        assertThat(r.body()).isNotEmpty();
        count++;
      }
    }
    return count;
  }

  /** Lines that are URIs, and URI="…" attributes (EXT-X-MEDIA, EXT-X-MAP), resolved against {@code base}. */
  private static List<URI> references(URI base, String playlist) {
    List<URI> out = new ArrayList<>();
    for (String line : playlist.split("\n")) {
      String l = line.trim();
      if (l.isEmpty()) {
        continue;
      }
      if (l.startsWith("#")) {
        Matcher m = URI_ATTR.matcher(l);
        while (m.find()) {
          out.add(base.resolve(m.group(1)));
        }
      } else {
        out.add(base.resolve(l));
      }
    }
    return out;
  }

  private static String text(URI uri) throws Exception {
    HttpResponse<byte[]> r = cdnGet(uri);
    assertThat(r.statusCode()).as("%s", uri).isEqualTo(200);
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  private static HttpResponse<byte[]> cdnGet(URI uri) throws Exception {
    return Http.CLIENT.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
