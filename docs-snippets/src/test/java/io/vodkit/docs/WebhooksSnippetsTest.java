package io.vodkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vodkit.webhooks.WebhookSigner;
import io.vodkit.webhooks.WebhookVerifier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** src-docs/webhooks.md's receiver: verify before parsing, 401 on a bad signature. */
class WebhooksSnippetsTest {
  private final String secret = WebhookSigner.newSecret();

  // snippet:webhooks-receiver
  void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();   // the raw bytes, before any parsing
    try {
      WebhookVerifier.verify(exchange.getRequestHeaders(), body, List.of(secret), Instant.now());
    } catch (WebhookVerifier.Rejected e) {
      exchange.sendResponseHeaders(401, -1);                  // e.reason(): BAD_SIGNATURE, STALE_TIMESTAMP, …
      exchange.close();
      return;
    }
    // de-duplicate by event_id, then act on the event; answer 2xx quickly (retries follow anything else)
    exchange.sendResponseHeaders(204, -1);
    exchange.close();
  }
  // end:webhooks-receiver

  @Test
  void theReceiverAcceptsASignedEventAndRejectsAForgedOne() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hooks", this::handle);
    server.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks");
      String body = "{\"event_id\":\"evt_tjob_x_1\",\"type\":\"video.ready\"}";
      Map<String, String> signed = WebhookSigner.headers("evt_tjob_x_1", body, List.of(secret), Instant.now());
      assertThat(post(url, body, signed)).isEqualTo(204);
      assertThat(post(url, body.replace("ready", "failed"), signed)).isEqualTo(401);
      Map<String, String> stale =
          WebhookSigner.headers("evt_tjob_x_1", body, List.of(secret), Instant.now().minusSeconds(600));
      assertThat(post(url, body, stale)).isEqualTo(401);
    } finally {
      server.stop(0);
    }
  }

  private static int post(URI url, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
