package io.vodkit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-owner rate limiting: a burst passes, the next request is 429 with Retry-After, others are unaffected. */
class RateLimitTest {
  @TempDir Path dir;

  @Test
  void anOwnerOverItsBurstGets429WithRetryAfterAndOthersDoNot() throws Exception {
    try (VodkitServer server = VodkitServer.start(ServerConfig.fromMap(Map.of(
        "data_dir", dir.toString(), "api.listen", "127.0.0.1:0", "uploads.listen", "127.0.0.1:0",
        "cdn.listen", "127.0.0.1:0", "tokens.alice-token-0123456789", "alice", "tokens.bob-token-0123456789ab", "bob",
        "workers", "0", "rate_limit.per_second", "1", "rate_limit.burst", "3"), null))) {
      Http alice = new Http(server.baseUrls().api(), "alice-token-0123456789");
      for (int i = 0; i < 3; i++) {
        assertThat(alice.get("v1/videos").status()).as("request %s of the burst", i + 1).isEqualTo(200);
      }
      Http.Answer limited = alice.get("v1/videos");
      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.json().path("error").path("code").asText()).isEqualTo("rate_limited");
      assertThat(Long.parseLong(limited.raw().headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 2L);
      assertThat(new Http(server.baseUrls().api(), "bob-token-0123456789ab").get("v1/videos").status()).isEqualTo(200);
      assertThat(new Http(server.baseUrls().api(), null).get("v1/health").status()).isEqualTo(200);
      Thread.sleep(1_100);
      assertThat(alice.get("v1/videos").status()).as("a token came back").isEqualTo(200);
    }
  }
}
