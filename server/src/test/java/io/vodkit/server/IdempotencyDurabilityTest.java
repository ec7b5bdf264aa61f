package io.vodkit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idempotency keys live in the data directory: a retry after a restart still gets the first answer. */
class IdempotencyDurabilityTest {
  private static final String TOKEN = "alice-token-0123456789";

  @TempDir Path dir;

  private VodkitServer start() {
    return VodkitServer.start(ServerConfig.fromMap(Map.of(
        "data_dir", dir.toString(), "api.listen", "127.0.0.1:0", "uploads.listen", "127.0.0.1:0",
        "cdn.listen", "127.0.0.1:0", "tokens." + TOKEN, "alice", "workers", "0"), null));
  }

  @Test
  void aRetryAfterARestartIsReplayedNotRunAgain() throws Exception {
    String body = "{\"title\":\"once\",\"content_type\":\"video/mp4\",\"file_size\":1000}";
    Http.Answer first;
    try (VodkitServer server = start()) {
      first = new Http(server.baseUrls().api(), TOKEN).post("v1/videos", body, "key-1");
      assertThat(first.status()).isEqualTo(201);
    }
    try (VodkitServer server = start()) {
      Http http = new Http(server.baseUrls().api(), TOKEN);
      Http.Answer again = http.post("v1/videos", body, "key-1");
      assertThat(again.status()).isEqualTo(201);
      assertThat(again.json()).isEqualTo(first.json());
      assertThat(again.raw().headers().firstValue("Idempotent-Replayed")).contains("true");
      assertThat(http.get("v1/videos").json().path("videos").size()).as("one video, not two").isEqualTo(1);
    }
  }
}
