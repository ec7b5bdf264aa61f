package io.vodkit.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vodkit.ErrorCode;
import io.vodkit.NewUpload;
import io.vodkit.UploadSession;
import io.vodkit.VideoPipeline;
import io.vodkit.VideoStatus;
import io.vodkit.VodkitException;
import io.vodkit.spi.ObjectStorage;
import io.vodkit.storage.fs.FsObjectStorage;
import io.vodkit.storage.s3.S3ObjectStorage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PipelineConfigTest {
  @TempDir Path dir;

  @Test
  void aFsSqliteFileBuildsAWorkingPipeline() throws Exception {
    Path file = FleetProperties.write(FleetProperties.fsSqlite(dir), dir.resolve("vodkit.properties"));

    PipelineConfig config = PipelineConfig.load(file);
    try (VideoPipeline pipeline = config.builder().build()) {
      UploadSession up = pipeline.createUpload(NewUpload.of("u1", "t", "video/mp4", 1000));

      assertThat(pipeline.storage()).isInstanceOf(FsObjectStorage.class);
      assertThat(((FsObjectStorage) pipeline.storage()).root()).isEqualTo(dir.resolve("storage").toAbsolutePath());
      assertThat(up.uploadUrl().toString()).startsWith("http://127.0.0.1:8081/");
      assertThat(pipeline.video(up.videoId()).status()).isEqualTo(VideoStatus.AWAITING_UPLOAD);
      assertThat(pipeline.manifestUrl(up.videoId()))
          .isEqualTo(URI.create("http://127.0.0.1:8082/videos/" + up.videoId() + "/manifest.m3u8"));
    }
    assertThat(Files.exists(dir.resolve("vodkit.db"))).isTrue();
    assertThat(config.storageType()).isEqualTo(PipelineConfig.StorageType.FS);
    assertThat(config.storeType()).isEqualTo(PipelineConfig.StoreType.SQLITE);
    assertThat(config.workers()).contains(0);
  }

  @Test
  void tuningKeysAreRead() {
    Properties p = FleetProperties.fsSqlite(dir);
    p.setProperty(PipelineConfig.LEASE, "4s");
    p.setProperty(PipelineConfig.HEARTBEAT, "PT1S");
    p.setProperty(PipelineConfig.METRICS_LOG_INTERVAL, "1m");
    p.setProperty("other.app.key", "ignored");

    PipelineConfig config = PipelineConfig.of(p, "test");

    assertThat(config.lease()).contains(Duration.ofSeconds(4));
    assertThat(config.metricsLogInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.ffmpegCommand()).isEqualTo("ffmpeg");
  }

  @Test
  void s3StorageIsBuiltFromItsKeys() {
    Properties p = FleetProperties.fsSqlite(dir);
    p.setProperty(PipelineConfig.STORAGE_TYPE, "s3");
    p.setProperty(PipelineConfig.S3_BUCKET, "media");
    p.setProperty(PipelineConfig.S3_ENDPOINT, "http://127.0.0.1:9000");
    p.setProperty(PipelineConfig.S3_PATH_STYLE, "true");
    p.setProperty(PipelineConfig.S3_ACCESS_KEY, "ak");
    p.setProperty(PipelineConfig.S3_SECRET_KEY, "sk");

    try (ObjectStorage storage = PipelineConfig.of(p, "test").openStorage()) {
      assertThat(storage).isInstanceOf(S3ObjectStorage.class);
      assertThat(((S3ObjectStorage) storage).bucket()).isEqualTo("media");
      URI put = storage.uploads().presignPut("raw/x/source", 10, java.time.Instant.now().plusSeconds(60));
      assertThat(put.toString()).startsWith("http://127.0.0.1:9000/media/raw/x/source?");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static Stream<Arguments> badConfigs() {
    return Stream.of(
        bad("no storage type", p -> p.remove(PipelineConfig.STORAGE_TYPE), PipelineConfig.STORAGE_TYPE),
        bad("unknown storage type", p -> p.setProperty(PipelineConfig.STORAGE_TYPE, "gcs"), PipelineConfig.STORAGE_TYPE),
        bad("fs without root", p -> p.remove(PipelineConfig.FS_ROOT), PipelineConfig.FS_ROOT),
        bad("s3 without bucket", p -> p.setProperty(PipelineConfig.STORAGE_TYPE, "s3"), PipelineConfig.S3_BUCKET),
        bad("half the S3 keys", p -> {
          p.setProperty(PipelineConfig.STORAGE_TYPE, "s3");
          p.setProperty(PipelineConfig.S3_BUCKET, "b");
          p.setProperty(PipelineConfig.S3_ACCESS_KEY, "ak");
        }, PipelineConfig.S3_SECRET_KEY),
        bad("bad path-style", p -> {
          p.setProperty(PipelineConfig.STORAGE_TYPE, "s3");
          p.setProperty(PipelineConfig.S3_BUCKET, "b");
          p.setProperty(PipelineConfig.S3_PATH_STYLE, "yes");
        }, PipelineConfig.S3_PATH_STYLE),
        bad("no store type", p -> p.remove(PipelineConfig.STORE_TYPE), PipelineConfig.STORE_TYPE),
        bad("sqlite without path", p -> p.remove(PipelineConfig.SQLITE_PATH), PipelineConfig.SQLITE_PATH),
        bad("postgres without url", p -> p.setProperty(PipelineConfig.STORE_TYPE, "postgres"), PipelineConfig.POSTGRES_URL),
        bad("postgres url of another database", p -> {
          p.setProperty(PipelineConfig.STORE_TYPE, "postgres");
          p.setProperty(PipelineConfig.POSTGRES_URL, "jdbc:mysql://db/vodkit");
        }, PipelineConfig.POSTGRES_URL),
        bad("no cdn base url", p -> p.remove(PipelineConfig.BASE_URL_CDN), PipelineConfig.BASE_URL_CDN),
        bad("relative api url", p -> p.setProperty(PipelineConfig.BASE_URL_API, "/v1"), PipelineConfig.BASE_URL_API),
        bad("negative workers", p -> p.setProperty(PipelineConfig.WORKERS, "-1"), PipelineConfig.WORKERS),
        bad("workers not a number", p -> p.setProperty(PipelineConfig.WORKERS, "many"), PipelineConfig.WORKERS),
        bad("lease without unit", p -> p.setProperty(PipelineConfig.LEASE, "40"), PipelineConfig.LEASE),
        bad("zero heartbeat", p -> p.setProperty(PipelineConfig.HEARTBEAT, "0s"), PipelineConfig.HEARTBEAT),
        bad("heartbeat not shorter than the lease", p -> {
          p.setProperty(PipelineConfig.LEASE, "4s");
          p.setProperty(PipelineConfig.HEARTBEAT, "4s");
        }, PipelineConfig.HEARTBEAT),
        bad("max attempts zero", p -> p.setProperty(PipelineConfig.MAX_ATTEMPTS, "0"), PipelineConfig.MAX_ATTEMPTS),
        bad("a typo in a key", p -> p.setProperty("vodkit.worker", "3"), "vodkit.worker"));
  }

  private static Arguments bad(String name, Consumer<Properties> change, String key) {
    return Arguments.of(name, change, key);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigs")
  void aBadKeyFailsAtStartNamingIt(String name, Consumer<Properties> change, String key) {
    Properties p = FleetProperties.fsSqlite(dir);
    change.accept(p);

    VodkitException e = catchThrowableOfType(VodkitException.class, () -> PipelineConfig.of(p, "fleet.properties"));

    assertThat(e).as(name).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
    assertThat(e.field()).isEqualTo(key);
    assertThat(e.getMessage()).contains(key).contains("fleet.properties");
  }

  @Test
  void aMissingFileIsAConfigurationError() {
    VodkitException e =
        catchThrowableOfType(VodkitException.class, () -> PipelineConfig.load(dir.resolve("nope.properties")));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
    assertThat(e.getMessage()).contains("nope.properties");
  }

  @Test
  void anUnknownPresetNamesItsKeyWhenTheTranscoderIsBuilt() {
    Properties p = FleetProperties.fsSqlite(dir);
    p.setProperty(PipelineConfig.FFMPEG_PRESET, "warp");

    VodkitException e = catchThrowableOfType(VodkitException.class, () -> PipelineConfig.of(p, "t").transcoder());

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
    assertThat(e.field()).isEqualTo(PipelineConfig.FFMPEG_PRESET);
  }

  @Test
  void aMissingFfmpegIsAConfigurationError() {
    Properties p = FleetProperties.fsSqlite(dir);
    p.setProperty(PipelineConfig.FFMPEG_PATH, dir.resolve("no-ffmpeg").toString());

    VodkitException e = catchThrowableOfType(VodkitException.class, () -> PipelineConfig.of(p, "t").builder());

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
  }

  @Test
  void anUnreachablePostgresFailsAtStartNamingTheUrlKey() {
    Properties p = FleetProperties.fsSqlite(dir);
    p.setProperty(PipelineConfig.STORE_TYPE, "postgres");
    p.setProperty(PipelineConfig.POSTGRES_URL, "jdbc:postgresql://127.0.0.1:1/vodkit?user=x&password=secret&connectTimeout=2");

    VodkitException e = catchThrowableOfType(VodkitException.class, () -> PipelineConfig.of(p, "t").openStore());

    assertThat(e.code()).isEqualTo(ErrorCode.STORE_FAILED);
    assertThat(e.field()).isEqualTo(PipelineConfig.POSTGRES_URL);
    assertThat(e.getMessage()).contains(PipelineConfig.POSTGRES_URL).doesNotContain("secret");
  }

  @Test
  void aBadSchemaNameFailsNamingTheSchemaKey() {
    Properties p = FleetProperties.fsSqlite(dir);
    p.setProperty(PipelineConfig.STORE_TYPE, "postgres");
    p.setProperty(PipelineConfig.POSTGRES_URL, "jdbc:postgresql://127.0.0.1:1/vodkit");
    p.setProperty(PipelineConfig.POSTGRES_SCHEMA, "Bad-Schema");

    VodkitException e = catchThrowableOfType(VodkitException.class, () -> PipelineConfig.of(p, "t").openStore());

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
    assertThat(e.field()).isEqualTo(PipelineConfig.POSTGRES_SCHEMA);
  }

  @Test
  void shortAndIsoDurationsParse() {
    assertThat(PipelineConfig.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(PipelineConfig.parseDuration("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(PipelineConfig.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(PipelineConfig.parseDuration("PT0.5S")).isEqualTo(Duration.ofMillis(500));
    assertThat(PipelineConfig.parseDuration("5 s")).isNull();
    assertThat(PipelineConfig.parseDuration("99999999999999999999s")).isNull();
  }
}
