package io.vodkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.NewUpload;
import io.vodkit.PartUrl;
import io.vodkit.UploadSession;
import io.vodkit.VideoPipeline;
import io.vodkit.storage.fs.FsObjectStorage;
import io.vodkit.storage.s3.S3ObjectStorage;
import io.vodkit.storage.s3.S3ProxyServer;
import io.vodkit.testkit.TestPostgres;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The starter on S3 (the in-process S3Proxy) and PostgreSQL (the application's DataSource bean, in a
 * schema of this class's own), and on fs storage with that PostgreSQL. Skipped loudly when
 * PostgreSQL is down, failed under CI=true.
 */
class VodkitS3PostgresTest {
  private static final String SCHEMA = TestPostgres.schemaFor(VodkitS3PostgresTest.class);

  @TempDir Path dir;

  @BeforeAll
  static void postgres() {
    TestPostgres.assumeReachable();
  }

  @AfterAll
  static void dropSchema() {
    if (TestPostgres.reachable()) {
      TestPostgres.dropSchema(SCHEMA);
    }
  }

  private static DataSource dataSource() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(TestPostgres.URL);
    return ds;
  }

  private ApplicationContextRunner runner() {
    URI endpoint = S3ProxyServer.get().endpoint();
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(VodkitAutoConfiguration.class, VodkitHealthAutoConfiguration.class))
        .withBean(DataSource.class, VodkitS3PostgresTest::dataSource)
        .withPropertyValues(
            "vodkit.data-dir=" + dir,
            "vodkit.workers=0",
            "vodkit.storage.type=s3",
            "vodkit.storage.s3.bucket=" + S3ProxyServer.BUCKET,
            "vodkit.storage.s3.endpoint=" + endpoint,
            "vodkit.storage.s3.path-style=true",
            "vodkit.storage.s3.region=us-east-1",
            "vodkit.storage.s3.access-key=" + S3ProxyServer.ACCESS_KEY,
            "vodkit.storage.s3.secret-key=" + S3ProxyServer.SECRET_KEY,
            "vodkit.store.type=postgres",
            "vodkit.store.postgres.schema=" + SCHEMA,
            "vodkit.base-urls.cdn=https://cdn.example.com/");
  }

  @Test
  void contextLoadsOnS3AndTheApplicationsPostgresDataSource() {
    runner().run(ctx -> {
      assertThat(ctx).hasNotFailed().hasSingleBean(VideoPipeline.class);
      VideoPipeline vodkit = ctx.getBean(VideoPipeline.class);
      assertThat(vodkit.storage()).isInstanceOf(S3ObjectStorage.class);

      UploadSession up = vodkit.createUpload(NewUpload.of("user_1", "clip", "video/mp4", 12L << 20));
      String endpoint = S3ProxyServer.get().endpoint().toString();
      assertThat(up.parts()).hasSize(2);
      for (PartUrl part : up.parts()) {
        assertThat(part.url().toString())
            .startsWith(endpoint + "/" + S3ProxyServer.BUCKET + "/raw/" + up.videoId() + "/source")
            .contains("X-Amz-Signature=");
      }
      assertThat(vodkit.baseUrls().uploads().toString()).isEqualTo(endpoint + "/");
      assertThat(ownerInPostgres(ctx.getBean(DataSource.class), up.videoId())).isEqualTo("user_1");
      assertThat(dir.resolve("vodkit.db")).doesNotExist();

      Health health = ctx.getBean("vodkitHealthIndicator", HealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("store", "ok").containsEntry("storage", "ok");
    });
  }

  @Test
  void fsStorageOnPostgresIsTheEmbeddedWiringOnTheApplicationsDataSource() {
    runner().withPropertyValues("vodkit.storage.type=fs").run(ctx -> {
      assertThat(ctx).hasNotFailed().hasSingleBean(VideoPipeline.class);
      VideoPipeline vodkit = ctx.getBean(VideoPipeline.class);
      assertThat(vodkit.storage()).isInstanceOf(FsObjectStorage.class).isSameAs(ctx.getBean(VodkitParts.class).storage());
      assertThat(vodkit.store()).isSameAs(ctx.getBean(VodkitParts.class).store());

      UploadSession up = vodkit.createUpload(NewUpload.of("user_1", "clip", "video/mp4", 1000));
      assertThat(up.uploadUrl().toString()).startsWith("http://127.0.0.1:");
      assertThat(vodkit.manifestUrl(up.videoId()))
          .isEqualTo(URI.create("https://cdn.example.com/videos/" + up.videoId() + "/manifest.m3u8"));
      assertThat(ownerInPostgres(ctx.getBean(DataSource.class), up.videoId())).isEqualTo("user_1");
      assertThat(dir.resolve("storage")).isDirectory();
      assertThat(dir.resolve("vodkit.db")).doesNotExist();

      Health health = ctx.getBean("vodkitHealthIndicator", HealthIndicator.class).health();
      assertThat(health.getDetails()).containsEntry("store", "ok").containsEntry("storage", "ok");
    });
  }

  @Test
  void aWrongSecretKeyShowsAsStorageDown() {
    runner().withPropertyValues("vodkit.storage.s3.secret-key=not-the-secret").run(ctx -> {
      Health health = ctx.getBean("vodkitHealthIndicator", HealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat((String) health.getDetails().get("storage")).startsWith("unreachable: ");
      assertThat(health.getDetails()).containsEntry("store", "ok");
    });
  }

  /** Reads the row straight from PostgreSQL, to show the store is really there. */
  private static String ownerInPostgres(DataSource ds, String videoId) throws Exception {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT owner_id FROM \"" + SCHEMA + "\".videos WHERE video_id = ?")) {
      ps.setString(1, videoId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }
}
