package io.vodkit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vodkit.testing.SourceBytes;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook receiver that is down (503) for the first 5 attempts, against the service as its own
 * process with a fast retry schedule: the event arrives on the 6th attempt with the same event id
 * and body as every failed one, the API shows one delivered delivery with 6 attempts, nothing more
 * is sent, and a redelivery sends the same event again. The outcome is a cancelled transcode, so
 * no encoder runs (workers = 0).
 */
class WebhookRetryBlackBoxTest {
  private static final String TOKEN = "alice-token-0123456789";

  @TempDir Path dir;

  @Test
  void aReceiverDownForFiveAttemptsGetsTheEventOnceWithTheSameId() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(5);
        ServerProcess server = ServerProcess.start(dir, "tokens." + TOKEN + " = alice\nworkers = 0\n"
            + "webhooks.allow = loopback\nwebhooks.retry_first = 100ms\nwebhooks.retry_max_step = 400ms\n"
            + "webhooks.retry_window = 1h\nwebhooks.poll_interval = 50ms\n")) {
      Http http = new Http(server.api, TOKEN);
      assertThat(http.post("v1/webhooks", "{\"url\":\"" + receiver.url() + "\"}").status()).isEqualTo(201);

      Http.Answer created = http.post("v1/videos", "{\"title\":\"t\",\"content_type\":\"video/mp4\",\"file_size\":8}");
      String id = created.json().path("video_id").asText();
      HttpResponse<Void> put = Http.CLIENT.send(HttpRequest.newBuilder(URI.create(created.json().path("upload_url").asText()))
          .PUT(HttpRequest.BodyPublishers.ofByteArray(SourceBytes.random(8, 8))).build(), HttpResponse.BodyHandlers.discarding());
      assertThat(put.statusCode()).isEqualTo(200);
      assertThat(http.post("v1/videos/" + id + "/upload/complete", "{}").status()).isEqualTo(200);
      assertThat(http.post("v1/videos/" + id + "/publish", null).status()).isEqualTo(202);
      assertThat(http.post("v1/videos/" + id + "/cancel", null).json().path("status").asText()).isEqualTo("cancelled");

      List<WebhookReceiver.Received> attempts = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        WebhookReceiver.Received r = receiver.next(30);
        assertThat(r).as("attempt %s within 30 s", i + 1).isNotNull();
        attempts.add(r);
      }
      assertThat(attempts).extracting(WebhookReceiver.Received::answered).containsExactly(503, 503, 503, 503, 503, 204);
      String eventId = attempts.get(0).headers().get("webhook-id");
      assertThat(eventId).startsWith("evt_");
      assertThat(attempts).allSatisfy(r -> {
        assertThat(r.headers().get("webhook-id")).isEqualTo(eventId);
        assertThat(r.body()).isEqualTo(attempts.get(0).body());
      });
      JsonNode body = Http.JSON.readTree(attempts.get(5).body());
      assertThat(body.path("event_id").asText()).isEqualTo(eventId);
      assertThat(body.path("data").path("video_id").asText()).isEqualTo(id);
      assertThat(body.path("data").path("status").asText()).isEqualTo("cancelled");
      assertThat(receiver.next(2)).as("nothing after the delivery succeeded").isNull();

      JsonNode deliveries = http.get("v1/webhook-deliveries").json().path("deliveries");
      for (int i = 0; i < 100 && !deliveries.path(0).path("state").asText().equals("delivered"); i++) {
        Thread.sleep(100); // the dispatcher records the 2xx just after the receiver answered it
        deliveries = http.get("v1/webhook-deliveries").json().path("deliveries");
      }
      assertThat(deliveries.size()).isEqualTo(1);
      JsonNode d = deliveries.get(0);
      assertThat(d.path("event_id").asText()).isEqualTo(eventId);
      assertThat(d.path("state").asText()).isEqualTo("delivered");
      assertThat(d.path("attempts").asInt()).isEqualTo(6);
      assertThat(d.path("last_status_code").asInt()).isEqualTo(204);

      Http.Answer again = http.post("v1/webhook-deliveries/" + d.path("delivery_id").asText() + "/redeliver", null);
      assertThat(again.status()).as("%s", again.json()).isEqualTo(202);
      WebhookReceiver.Received redelivered = receiver.next(30);
      assertThat(redelivered).isNotNull();
      assertThat(redelivered.headers().get("webhook-id")).isEqualTo(eventId);
      assertThat(redelivered.body()).isEqualTo(attempts.get(0).body());
    }
  }
}
