package io.vodkit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodkit.ErrorCode;
import io.vodkit.VodkitException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config file: properties and JSON mean the same, defaults apply, bad values name their key. */
class ServerConfigTest {
  @TempDir Path dir;

  @Test
  void propertiesAndJsonGiveTheSameConfig() throws Exception {
    Path props = dir.resolve("a.properties");
    Files.writeString(props, String.join("\n",
        "data_dir = data", "api.listen = 0.0.0.0:9000", "api.public_url = https://api.example.com/",
        "tokens.alice-token-0123456789 = alice", "tokens.bob.token.with.dots.0123 = bob",
        "webhooks.allow = loopback, 10.1.0.0/16", "workers = 3", "max_json_bytes = 2048"));
    Path json = dir.resolve("b.json");
    Files.writeString(json, """
        {"data_dir": "data", "api": {"listen": "0.0.0.0:9000", "public_url": "https://api.example.com/"},
         "tokens": {"alice-token-0123456789": "alice", "bob.token.with.dots.0123": "bob"},
         "webhooks": {"allow": ["loopback", "10.1.0.0/16"]}, "workers": 3, "max_json_bytes": 2048}
        """);
    ServerConfig a = ServerConfig.load(props);
    ServerConfig b = ServerConfig.load(json);
    assertThat(a).isEqualTo(b);
    assertThat(a.dataDir()).isEqualTo(dir.resolve("data"));
    assertThat(a.api().bind().getHostString()).isEqualTo("0.0.0.0");
    assertThat(a.api().bind().getPort()).isEqualTo(9000);
    assertThat(a.api().publicUrl()).contains(URI.create("https://api.example.com/"));
    assertThat(a.uploads().bind().getPort()).as("default").isEqualTo(8081);
    assertThat(a.cdn().publicUrl()).isEqualTo(Optional.empty());
    assertThat(a.tokens()).isEqualTo(Map.of("alice-token-0123456789", "alice", "bob.token.with.dots.0123", "bob"));
    assertThat(a.webhooks().egressAllow()).isEqualTo(List.of("loopback", "10.1.0.0/16"));
    assertThat(a.webhooks().retryWindow()).as("default").isEqualTo(Duration.ofHours(24));
    assertThat(a.workers()).isEqualTo(3);
    assertThat(a.maxJsonBytes()).isEqualTo(2048);
  }

  @Test
  void badValuesAreConfigurationErrorsNamingTheKey() {
    assertBad(Map.of("api.listen", "localhost"), "api.listen");
    assertBad(Map.of("cdn.listen", "127.0.0.1:70000"), "cdn.listen");
    assertBad(Map.of("uploads.public_url", "ftp://x/"), "uploads.public_url");
    assertBad(Map.of("workers", "many"), "workers");
    assertBad(Map.of("max_json_bytes", "10"), "max_json_bytes");
    assertBad(Map.of("tokens.short", "alice"), "tokens");
    assertBad(Map.of("webhooks.allow", "everything"), "webhooks.allow");
    assertBad(Map.of("webhooks.retry_first", "soon"), "webhooks.retry_first");
    assertBad(Map.of("webhooks.retry_first", "2h"), "webhooks.retry_first");
  }

  private static void assertBad(Map<String, String> flat, String key) {
    assertThatThrownBy(() -> ServerConfig.fromMap(flat, null))
        .isInstanceOf(VodkitException.class)
        .hasMessageContaining(key)
        .satisfies(e -> assertThat(((VodkitException) e).code()).isEqualTo(ErrorCode.CONFIGURATION));
  }
}
