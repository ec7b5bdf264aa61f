package io.vodkit.spring;

import io.vodkit.BaseUrls;
import io.vodkit.ErrorCode;
import io.vodkit.VideoPipeline;
import io.vodkit.VodkitException;
import io.vodkit.dash.DashManifestWriter;
import io.vodkit.embedded.EmbeddedOptions;
import io.vodkit.embedded.EmbeddedParts;
import io.vodkit.ffmpeg.FfmpegTranscoder;
import io.vodkit.hls.HlsManifestWriter;
import io.vodkit.spi.MetadataStore;
import io.vodkit.spi.ObjectStorage;
import io.vodkit.storage.s3.S3ObjectStorage;
import io.vodkit.store.jdbc.JdbcStore;
import io.vodkit.store.jdbc.JdbcViewStore;
import io.vodkit.views.BufferedViewCounter;
import io.vodkit.views.ViewCounterConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The storage and store the starter opened for its {@link VideoPipeline}, kept as a bean so the
 * health indicator and the gauges can reach them. The pipeline owns and closes them; this holder
 * closes nothing itself. With {@code vodkit.storage.type=fs} the parts are the embedded module's
 * {@link EmbeddedParts} (the same wiring as {@code VideoPipeline.embedded(dir)} and the reference
 * server: upload listener and, unless {@code vodkit.base-urls.cdn} is set, an origin on loopback
 * ports), on SQLite or on the application's PostgreSQL DataSource.
 */
public final class VodkitParts {
  /** The ffmpeg binary the transcoder runs (looked up on {@code PATH}). */
  public static final String FFMPEG = "ffmpeg";

  private static final String AWS_S3 = "https://s3.amazonaws.com/";

  private final EmbeddedParts embedded; // fs storage: the embedded wiring; null for s3
  private final ObjectStorage storage;
  private final MetadataStore store;
  private final JdbcViewStore viewStore;
  private final BaseUrls baseUrls;
  private final Path workDir;

  private VodkitParts(EmbeddedParts embedded) {
    this.embedded = embedded;
    this.storage = embedded.storage();
    this.store = embedded.store();
    this.viewStore = embedded.viewStore();
    this.baseUrls = embedded.baseUrls();
    this.workDir = embedded.workDir();
  }

  private VodkitParts(
      ObjectStorage storage, MetadataStore store, JdbcViewStore viewStore, BaseUrls baseUrls, Path workDir) {
    this.embedded = null;
    this.storage = storage;
    this.store = store;
    this.viewStore = viewStore;
    this.baseUrls = baseUrls;
    this.workDir = workDir;
  }

  /**
   * Checks every setting first (a missing or contradictory one is a {@code CONFIGURATION} {@link
   * VodkitException} whose message and {@link VodkitException#field()} name the property), then
   * opens storage and store; on a failure whatever was opened is closed again.
   *
   * @param dataSource the application's DataSource; only used, and then required, for postgres
   */
  public static VodkitParts open(VodkitProperties props, DataSource dataSource) {
    check(props, dataSource);
    Path dataDir = props.getDataDir().toAbsolutePath().normalize();
    Path workDir = dataDir.resolve("work");
    try {
      Files.createDirectories(workDir);
    } catch (IOException e) {
      throw setting("vodkit.data-dir", "cannot create " + workDir + ": " + e.getMessage());
    }
    VodkitProperties.BaseUrls urls = props.getBaseUrls();
    URI api = urls.getApi() != null ? urls.getApi() : EmbeddedOptions.API_PLACEHOLDER;
    boolean sqlite = props.getStore().getType() == VodkitProperties.StoreType.SQLITE;
    Path db = sqlite ? orDefault(props.getStore().getSqlite().getPath(), dataDir.resolve("vodkit.db")) : null;
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      if (props.getStorage().getType() == VodkitProperties.StorageType.FS) {
        // the embedded wiring: upload listener and (unless a CDN is set) origin on loopback ports
        EmbeddedOptions options = EmbeddedOptions.defaults()
            .apiUrl(api)
            .storageRoot(orDefault(props.getStorage().getFs().getRoot(), dataDir.resolve("storage")))
            .startOrigin(urls.getCdn() == null)
            .cdnPublicUrl(urls.getCdn())
            .database(db);
        if (sqlite) {
          return new VodkitParts(EmbeddedParts.open(dataDir, options));
        }
        JdbcStore store = opening(opened, postgresStore(props, dataSource));
        JdbcViewStore viewStore = opening(opened, JdbcViewStore.postgres(dataSource, props.getStore().getPostgres().getSchema()));
        return new VodkitParts(EmbeddedParts.open(dataDir, options, store, viewStore));
      }
      VodkitProperties.S3 s3 = props.getStorage().getS3();
      ObjectStorage storage = opening(opened, s3Storage(s3));
      URI uploads = urls.getUploads() != null ? urls.getUploads()
          : s3.getEndpoint() != null ? s3.getEndpoint() : URI.create(AWS_S3);
      JdbcStore store = opening(opened, sqlite ? JdbcStore.sqlite(db) : postgresStore(props, dataSource));
      JdbcViewStore viewStore = opening(opened,
          sqlite ? JdbcViewStore.sqlite(db) : JdbcViewStore.postgres(dataSource, props.getStore().getPostgres().getSchema()));
      return new VodkitParts(storage, store, viewStore, BaseUrls.of(api, uploads, urls.getCdn()), workDir);
    } catch (RuntimeException e) {
      closeAll(opened, e);
      throw e;
    }
  }

  private static JdbcStore postgresStore(VodkitProperties props, DataSource dataSource) {
    String schema = props.getStore().getPostgres().getSchema();
    return schema == null ? JdbcStore.postgres(dataSource) : JdbcStore.postgres(dataSource, schema);
  }

  /** A builder with these parts, ffmpeg, HLS + DASH and every {@code vodkit.*} setting applied. */
  public VideoPipeline.Builder builder(VodkitProperties props) {
    VideoPipeline.Builder b;
    if (embedded != null) {
      b = embedded.configure(VideoPipeline.builder());
    } else {
      b = VideoPipeline.builder()
          .storage(storage)
          .store(store)
          .transcoder(FfmpegTranscoder.onPath())
          .manifestWriter(new HlsManifestWriter())
          .manifestWriter(new DashManifestWriter())
          .baseUrls(baseUrls)
          .workDir(workDir)
          .viewCounter(new BufferedViewCounter(viewStore, viewStore, ViewCounterConfig.defaults(), InstantSource.system()))
          .closing(viewStore);
    }
    if (props.getWorkers() != null) {
      b.workers(props.getWorkers());
    }
    if (props.getLease() != null) {
      b.leaseDuration(props.getLease());
    }
    if (props.getMaxAttempts() != null) {
      b.maxAttempts(props.getMaxAttempts());
    }
    if (props.getUploadTtl() != null) {
      b.uploadTtl(props.getUploadTtl());
    }
    return b;
  }

  /** Closes everything opened: for when building the pipeline failed, so it never took them over. */
  public void closeUnowned(RuntimeException failure) {
    if (embedded != null) {
      embedded.closeAfter(failure);
    } else {
      closeAll(List.of(storage, store, viewStore), failure);
    }
  }

  /** The object storage (closed by the pipeline). */
  public ObjectStorage storage() {
    return storage;
  }

  /** The metadata store and job queue (closed by the pipeline). */
  public MetadataStore store() {
    return store;
  }

  /** The base URLs the pipeline was given. */
  public BaseUrls baseUrls() {
    return baseUrls;
  }

  /** Every setting that must be there for the chosen storage and store, before anything opens. */
  private static void check(VodkitProperties props, DataSource dataSource) {
    if (props.getDataDir() == null) {
      throw setting("vodkit.data-dir", "vodkit.data-dir must name a directory");
    }
    VodkitProperties.Storage storage = props.getStorage();
    if (storage.getType() == null) {
      throw setting("vodkit.storage.type", "vodkit.storage.type must be fs or s3");
    }
    if (storage.getType() == VodkitProperties.StorageType.S3) {
      VodkitProperties.S3 s3 = storage.getS3();
      if (blank(s3.getBucket())) {
        throw setting("vodkit.storage.s3.bucket", "vodkit.storage.s3.bucket is required when vodkit.storage.type=s3");
      }
      if (blank(s3.getAccessKey()) != blank(s3.getSecretKey())) {
        String missing = blank(s3.getAccessKey()) ? "vodkit.storage.s3.access-key" : "vodkit.storage.s3.secret-key";
        throw setting(missing, missing + " is required: set both vodkit.storage.s3.access-key and"
            + " vodkit.storage.s3.secret-key, or neither for the AWS SDK's default credentials chain");
      }
      if (props.getBaseUrls().getCdn() == null) {
        throw setting("vodkit.base-urls.cdn", "vodkit.base-urls.cdn is required when vodkit.storage.type=s3:"
            + " the public base URL (CDN or bucket website) players fetch videos/{id}/… from");
      }
    } else if (props.getBaseUrls().getUploads() != null) {
      throw setting("vodkit.base-urls.uploads", "vodkit.base-urls.uploads applies to s3 storage only;"
          + " fs storage hands out URLs of its own upload listener: remove the setting");
    }
    VodkitProperties.Store store = props.getStore();
    if (store.getType() == null) {
      throw setting("vodkit.store.type", "vodkit.store.type must be sqlite or postgres");
    }
    if (store.getType() == VodkitProperties.StoreType.POSTGRES && dataSource == null) {
      throw setting("spring.datasource.url", "vodkit.store.type=postgres reuses the application's DataSource,"
          + " but there is no single DataSource bean: set spring.datasource.url (and add a JDBC"
          + " starter) or define one");
    }
    Integer workers = props.getWorkers();
    if (workers != null && workers < 0) {
      throw setting("vodkit.workers", "vodkit.workers must be 0 or more, was " + workers);
    }
    Integer attempts = props.getMaxAttempts();
    if (attempts != null && attempts < 1) {
      throw setting("vodkit.max-attempts", "vodkit.max-attempts must be 1 or more, was " + attempts);
    }
    if (props.getLease() != null && (props.getLease().isZero() || props.getLease().isNegative())) {
      throw setting("vodkit.lease", "vodkit.lease must be positive, was " + props.getLease());
    }
    if (props.getUploadTtl() != null && (props.getUploadTtl().isZero() || props.getUploadTtl().isNegative())) {
      throw setting("vodkit.upload-ttl", "vodkit.upload-ttl must be positive, was " + props.getUploadTtl());
    }
  }

  private static S3ObjectStorage s3Storage(VodkitProperties.S3 s3) {
    S3ObjectStorage.Builder b = S3ObjectStorage.builder(s3.getBucket()).pathStyle(s3.isPathStyle());
    if (s3.getEndpoint() != null) {
      b.endpointOverride(s3.getEndpoint());
    }
    if (!blank(s3.getRegion())) {
      b.region(Region.of(s3.getRegion()));
    }
    if (!blank(s3.getAccessKey())) {
      b.credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.getAccessKey(), s3.getSecretKey())));
    }
    return b.build();
  }

  /** A {@code CONFIGURATION} error naming {@code property} in its message and its field. */
  static VodkitException setting(String property, String message) {
    return new VodkitException(ErrorCode.CONFIGURATION, message, false, property, null);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static <T> T orDefault(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static <T extends AutoCloseable> T opening(List<AutoCloseable> opened, T resource) {
    opened.add(resource);
    return resource;
  }

  private static void closeAll(List<AutoCloseable> resources, RuntimeException failure) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception suppressed) {
        failure.addSuppressed(suppressed);
      }
    }
  }
}
