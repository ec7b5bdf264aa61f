package io.vodkit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code store.postgres_url}: two servers with separate data directories on one PostgreSQL schema
 * (the local test server, trust auth) see the same videos and webhooks, so the metadata is in
 * PostgreSQL and not in either SQLite file.
 */
class PostgresStoreTest {
  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
  private static final String TOKEN = "alice-token-0123456789";
  private final String schema = "srv_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @TempDir Path a;
  @TempDir Path b;

  private VodkitServer start(Path dir) {
    return VodkitServer.start(ServerConfig.fromMap(Map.of(
        "data_dir", dir.toString(), "api.listen", "127.0.0.1:0", "uploads.listen", "127.0.0.1:0",
        "cdn.listen", "127.0.0.1:0", "tokens." + TOKEN, "alice", "workers", "0", "webhooks.allow", "loopback",
        "store.postgres_url", URL, "store.postgres_schema", schema), null));
  }

  @AfterEach
  void dropSchema() throws Exception {
    try (Connection c = DriverManager.getConnection(URL); Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  @Test
  void twoServersOnOneSchemaShareVideosAndWebhooks() throws Exception {
    try (VodkitServer first = start(a); VodkitServer second = start(b)) {
      Http one = new Http(first.baseUrls().api(), TOKEN);
      Http two = new Http(second.baseUrls().api(), TOKEN);
      Http.Answer created = one.post("v1/videos", "{\"title\":\"pg\",\"content_type\":\"video/mp4\",\"file_size\":1000}");
      assertThat(created.status()).isEqualTo(201);
      String id = created.json().path("video_id").asText();
      assertThat(two.get("v1/videos/" + id).json().path("title").asText()).isEqualTo("pg");
      assertThat(two.get("v1/videos").json().path("videos").findValuesAsText("video_id")).containsExactly(id);
      assertThat(one.post("v1/webhooks", "{\"url\":\"http://127.0.0.1:9/hooks\"}").status()).isEqualTo(201);
      assertThat(two.get("v1/webhooks").json().path("webhooks").size()).isEqualTo(1);
      assertThat(two.delete("v1/videos/" + id).status()).isEqualTo(204);
      assertThat(one.get("v1/videos/" + id).status()).isEqualTo(404);
    }
    try (Connection c = DriverManager.getConnection(URL); Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT count(*) FROM " + schema + ".webhook_endpoints")) {
      rs.next();
      assertThat(rs.getInt(1)).as("the endpoint row is in PostgreSQL").isEqualTo(1);
    }
  }
}
