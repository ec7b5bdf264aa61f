package io.vodkit.fleet;

import io.vodkit.BaseUrls;
import io.vodkit.ErrorCode;
import io.vodkit.VideoPipeline;
import io.vodkit.VodkitException;
import io.vodkit.dash.DashManifestWriter;
import io.vodkit.ffmpeg.FfmpegTranscoder;
import io.vodkit.hls.HlsManifestWriter;
import io.vodkit.spi.MetadataStore;
import io.vodkit.spi.ObjectStorage;
import io.vodkit.storage.fs.FsObjectStorage;
import io.vodkit.storage.s3.S3ObjectStorage;
import io.vodkit.store.jdbc.JdbcStore;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * A {@link VideoPipeline} described by a properties file, so every process of a fleet (API
 * servers, {@link WorkerMain} workers) runs the same pipeline from the same file. The keys:
 *
 * <table>
 *   <caption>Keys (durations: {@code 500ms}, {@code 4s}, {@code 10m}, {@code 1h} or ISO-8601
 *   {@code PT4S})</caption>
 *   <tr><th>key</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code vodkit.storage.type}</td><td>{@code fs} or {@code s3}</td><td>required</td></tr>
 *   <tr><td>{@code vodkit.storage.fs.root}</td><td>directory of the fs storage</td><td>required for fs</td></tr>
 *   <tr><td>{@code vodkit.storage.s3.bucket}</td><td>bucket</td><td>required for s3</td></tr>
 *   <tr><td>{@code vodkit.storage.s3.endpoint}</td><td>endpoint of an S3-compatible store</td><td>AWS</td></tr>
 *   <tr><td>{@code vodkit.storage.s3.region}</td><td>signing region</td><td>SDK chain (us-east-1 with an endpoint)</td></tr>
 *   <tr><td>{@code vodkit.storage.s3.path-style}</td><td>{@code true}/{@code false}</td><td>false</td></tr>
 *   <tr><td>{@code vodkit.storage.s3.access-key}, {@code .secret-key}</td><td>static keys (both or neither)</td><td>SDK chain</td></tr>
 *   <tr><td>{@code vodkit.storage.s3.checksums-only-when-required}</td><td>for older S3-compatible stores</td><td>false</td></tr>
 *   <tr><td>{@code vodkit.store.type}</td><td>{@code sqlite} or {@code postgres}</td><td>required</td></tr>
 *   <tr><td>{@code vodkit.store.sqlite.path}</td><td>database file</td><td>required for sqlite</td></tr>
 *   <tr><td>{@code vodkit.store.postgres.url}</td><td>JDBC URL</td><td>required for postgres</td></tr>
 *   <tr><td>{@code vodkit.store.postgres.schema}</td><td>schema of the tables</td><td>the search path's</td></tr>
 *   <tr><td>{@code vodkit.base-url.api}, {@code .uploads}, {@code .cdn}</td><td>the three base URLs</td><td>required</td></tr>
 *   <tr><td>{@code vodkit.workers}</td><td>worker threads in this process (0: API only)</td><td>cores / 2, at least 1</td></tr>
 *   <tr><td>{@code vodkit.worker-id-prefix}</td><td>prefix of worker ids</td><td>host name + pid</td></tr>
 *   <tr><td>{@code vodkit.lease}</td><td>lease of a claimed job</td><td>10m</td></tr>
 *   <tr><td>{@code vodkit.heartbeat}</td><td>lease renewal interval</td><td>2s</td></tr>
 *   <tr><td>{@code vodkit.poll-interval}</td><td>idle worker poll</td><td>1s</td></tr>
 *   <tr><td>{@code vodkit.supervisor-interval}</td><td>expired-lease sweep</td><td>15s</td></tr>
 *   <tr><td>{@code vodkit.max-attempts}</td><td>claims before a job fails</td><td>3</td></tr>
 *   <tr><td>{@code vodkit.work-dir}</td><td>scratch directory</td><td>a temp directory</td></tr>
 *   <tr><td>{@code vodkit.ffmpeg.path}, {@code vodkit.ffprobe.path}</td><td>binaries</td><td>on {@code PATH}</td></tr>
 *   <tr><td>{@code vodkit.ffmpeg.threads}</td><td>encoder threads per job (0: ffmpeg decides)</td><td>0</td></tr>
 *   <tr><td>{@code vodkit.ffmpeg.preset}</td><td>x264 preset</td><td>veryfast</td></tr>
 *   <tr><td>{@code vodkit.metrics.log-interval}</td><td>{@link WorkerMain} logs its meters this often (0: never)</td><td>0</td></tr>
 * </table>
 *
 * <p>Everything is checked when the config is created: a missing, malformed or unknown {@code
 * vodkit.*} key is a {@link VodkitException} {@code CONFIGURATION} whose message and {@link
 * VodkitException#field()} name the key. Keys outside {@code vodkit.*} are ignored. Immutable.
 */
public final class PipelineConfig {
  /** {@code fs} or {@code s3}. */
  public static final String STORAGE_TYPE = "vodkit.storage.type";
  public static final String FS_ROOT = "vodkit.storage.fs.root";
  public static final String S3_BUCKET = "vodkit.storage.s3.bucket";
  public static final String S3_ENDPOINT = "vodkit.storage.s3.endpoint";
  public static final String S3_REGION = "vodkit.storage.s3.region";
  public static final String S3_PATH_STYLE = "vodkit.storage.s3.path-style";
  public static final String S3_ACCESS_KEY = "vodkit.storage.s3.access-key";
  public static final String S3_SECRET_KEY = "vodkit.storage.s3.secret-key";
  public static final String S3_CHECKSUMS_WHEN_REQUIRED = "vodkit.storage.s3.checksums-only-when-required";
  /** {@code sqlite} or {@code postgres}. */
  public static final String STORE_TYPE = "vodkit.store.type";
  public static final String SQLITE_PATH = "vodkit.store.sqlite.path";
  public static final String POSTGRES_URL = "vodkit.store.postgres.url";
  public static final String POSTGRES_SCHEMA = "vodkit.store.postgres.schema";
  public static final String BASE_URL_API = "vodkit.base-url.api";
  public static final String BASE_URL_UPLOADS = "vodkit.base-url.uploads";
  public static final String BASE_URL_CDN = "vodkit.base-url.cdn";
  public static final String WORKERS = "vodkit.workers";
  public static final String WORKER_ID_PREFIX = "vodkit.worker-id-prefix";
  public static final String LEASE = "vodkit.lease";
  public static final String HEARTBEAT = "vodkit.heartbeat";
  public static final String POLL_INTERVAL = "vodkit.poll-interval";
  public static final String SUPERVISOR_INTERVAL = "vodkit.supervisor-interval";
  public static final String MAX_ATTEMPTS = "vodkit.max-attempts";
  public static final String WORK_DIR = "vodkit.work-dir";
  public static final String FFMPEG_PATH = "vodkit.ffmpeg.path";
  public static final String FFPROBE_PATH = "vodkit.ffprobe.path";
  public static final String FFMPEG_THREADS = "vodkit.ffmpeg.threads";
  public static final String FFMPEG_PRESET = "vodkit.ffmpeg.preset";
  public static final String METRICS_LOG_INTERVAL = "vodkit.metrics.log-interval";

  private static final Set<String> KNOWN =
      Set.of(
          STORAGE_TYPE, FS_ROOT, S3_BUCKET, S3_ENDPOINT, S3_REGION, S3_PATH_STYLE, S3_ACCESS_KEY,
          S3_SECRET_KEY, S3_CHECKSUMS_WHEN_REQUIRED, STORE_TYPE, SQLITE_PATH, POSTGRES_URL,
          POSTGRES_SCHEMA, BASE_URL_API, BASE_URL_UPLOADS, BASE_URL_CDN, WORKERS, WORKER_ID_PREFIX,
          LEASE, HEARTBEAT, POLL_INTERVAL, SUPERVISOR_INTERVAL, MAX_ATTEMPTS, WORK_DIR, FFMPEG_PATH,
          FFPROBE_PATH, FFMPEG_THREADS, FFMPEG_PRESET, METRICS_LOG_INTERVAL);
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  /** Where objects go. */
  public enum StorageType {
    FS,
    S3
  }

  /** Where metadata and the job queue live. */
  public enum StoreType {
    SQLITE,
    POSTGRES
  }

  private final String origin;
  private final Map<String, String> values;
  private final StorageType storageType;
  private final StoreType storeType;
  private final BaseUrls baseUrls;
  private final Optional<Integer> workers;
  private final Optional<Duration> lease;
  private final Optional<Duration> heartbeat;
  private final Optional<Duration> pollInterval;
  private final Optional<Duration> supervisorInterval;
  private final Optional<Integer> maxAttempts;
  private final Optional<Path> workDir;
  private final Optional<Integer> ffmpegThreads;
  private final Duration metricsLogInterval;

  private PipelineConfig(String origin, Map<String, String> values) {
    this.origin = origin;
    this.values = values;
    for (String key : values.keySet()) {
      if (!KNOWN.contains(key)) {
        throw error(key, "unknown key " + key + " in " + origin + " (a typo?); the keys are listed in"
            + " the PipelineConfig Javadoc and src-docs/operations.md");
      }
    }
    this.storageType = choice(STORAGE_TYPE, StorageType.class);
    this.storeType = choice(STORE_TYPE, StoreType.class);
    if (storageType == StorageType.FS) {
      path(FS_ROOT).orElseThrow(() -> missing(FS_ROOT));
    } else {
      required(S3_BUCKET);
      optional(S3_ENDPOINT).ifPresent(v -> uri(S3_ENDPOINT));
      bool(S3_PATH_STYLE);
      bool(S3_CHECKSUMS_WHEN_REQUIRED);
      if (optional(S3_ACCESS_KEY).isPresent() != optional(S3_SECRET_KEY).isPresent()) {
        String absent = optional(S3_ACCESS_KEY).isPresent() ? S3_SECRET_KEY : S3_ACCESS_KEY;
        throw error(absent, "set both " + S3_ACCESS_KEY + " and " + S3_SECRET_KEY + " or neither: "
            + absent + " is missing in " + origin);
      }
    }
    if (storeType == StoreType.SQLITE) {
      path(SQLITE_PATH).orElseThrow(() -> missing(SQLITE_PATH));
    } else {
      String url = required(POSTGRES_URL);
      if (!url.startsWith("jdbc:postgresql:")) {
        throw error(POSTGRES_URL, POSTGRES_URL + " must be a jdbc:postgresql: URL in " + origin);
      }
    }
    this.baseUrls =
        BaseUrls.of(uri(BASE_URL_API), uri(BASE_URL_UPLOADS), uri(BASE_URL_CDN));
    this.workers = integer(WORKERS, 0);
    this.lease = duration(LEASE);
    this.heartbeat = duration(HEARTBEAT);
    this.pollInterval = duration(POLL_INTERVAL);
    this.supervisorInterval = duration(SUPERVISOR_INTERVAL);
    this.maxAttempts = integer(MAX_ATTEMPTS, 1);
    this.workDir = path(WORK_DIR);
    this.ffmpegThreads = integer(FFMPEG_THREADS, 0);
    this.metricsLogInterval =
        "0".equals(values.get(METRICS_LOG_INTERVAL)) ? Duration.ZERO : duration(METRICS_LOG_INTERVAL).orElse(Duration.ZERO);
    path(FFMPEG_PATH);
    path(FFPROBE_PATH);
    if (lease.isPresent() && heartbeat.isPresent() && heartbeat.get().compareTo(lease.get()) >= 0) {
      throw error(HEARTBEAT, HEARTBEAT + " (" + heartbeat.get() + ") must be shorter than " + LEASE + " ("
          + lease.get() + ") in " + origin);
    }
  }

  /**
   * Reads a properties file (UTF-8).
   *
   * @throws VodkitException {@code CONFIGURATION} if it cannot be read or a key is bad
   */
  public static PipelineConfig load(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw VodkitException.configuration("cannot read the config file " + file + ": " + e);
    }
    return of(p, file.toString());
  }

  /**
   * A config from properties already in memory; {@code origin} names them in error messages.
   *
   * @throws VodkitException {@code CONFIGURATION} if a key is missing, malformed or unknown
   */
  public static PipelineConfig of(Properties properties, String origin) {
    Map<String, String> values = new TreeMap<>();
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith("vodkit.")) {
        values.put(name, properties.getProperty(name).strip());
      }
    }
    return new PipelineConfig(origin, values);
  }

  // ------------------------------------------------------------------ what was configured

  /** {@code vodkit.storage.type}. */
  public StorageType storageType() {
    return storageType;
  }

  /** {@code vodkit.store.type}. */
  public StoreType storeType() {
    return storeType;
  }

  /** {@code vodkit.base-url.*}. */
  public BaseUrls baseUrls() {
    return baseUrls;
  }

  /** {@code vodkit.workers}, if set. */
  public Optional<Integer> workers() {
    return workers;
  }

  /** {@code vodkit.lease}, if set. */
  public Optional<Duration> lease() {
    return lease;
  }

  /** {@code vodkit.metrics.log-interval}; zero when metrics are not logged. */
  public Duration metricsLogInterval() {
    return metricsLogInterval;
  }

  /** The ffmpeg binary health checks should run: {@code vodkit.ffmpeg.path} or {@code ffmpeg}. */
  public String ffmpegCommand() {
    return optional(FFMPEG_PATH).orElse("ffmpeg");
  }

  /** Where the values came from (the file name), for messages. */
  public String origin() {
    return origin;
  }

  // ------------------------------------------------------------------ opening the parts

  /**
   * Opens the configured storage (the caller closes it, or hands it to a pipeline that does).
   * fs: {@link FsObjectStorage#create(Path, URI)} with upload URLs under {@code
   * vodkit.base-url.uploads} (serve them with {@code FsUploadServer}); s3: {@link
   * S3ObjectStorage#builder}.
   */
  public ObjectStorage openStorage() {
    if (storageType == StorageType.FS) {
      return FsObjectStorage.create(path(FS_ROOT).orElseThrow(), baseUrls.uploads());
    }
    S3ObjectStorage.Builder b =
        S3ObjectStorage.builder(required(S3_BUCKET))
            .pathStyle(bool(S3_PATH_STYLE))
            .checksumsOnlyWhenRequired(bool(S3_CHECKSUMS_WHEN_REQUIRED));
    optional(S3_ENDPOINT).ifPresent(v -> b.endpointOverride(uri(S3_ENDPOINT)));
    optional(S3_REGION).ifPresent(v -> b.region(Region.of(v)));
    optional(S3_ACCESS_KEY).ifPresent(
        access ->
            b.credentials(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(access, required(S3_SECRET_KEY)))));
    return b.build();
  }

  /**
   * Opens the configured store (migrating it if needed); the caller closes it, or hands it to a
   * pipeline that does. A database that cannot be reached is {@code STORE_FAILED}, with the key
   * named in the message. The store comes wrapped so that {@link PipelineMetrics} can time its
   * claims ({@code vodkit.claim.latency}); it is still a {@link io.vodkit.spi.WebhookStore}.
   */
  public MetadataStore openStore() {
    try {
      if (storeType == StoreType.SQLITE) {
        return TimedStore.wrap(JdbcStore.sqlite(path(SQLITE_PATH).orElseThrow()));
      }
      return TimedStore.wrap(JdbcStore.postgres(required(POSTGRES_URL), optional(POSTGRES_SCHEMA).orElse(null)));
    } catch (VodkitException e) {
      String key = storeType == StoreType.SQLITE ? SQLITE_PATH : POSTGRES_URL;
      if (e.code() == ErrorCode.CONFIGURATION && optional(POSTGRES_SCHEMA).isPresent()
          && String.valueOf(e.getMessage()).contains("schema")) {
        key = POSTGRES_SCHEMA; // JdbcStore checks the schema name
      }
      throw new VodkitException(e.code(), key + " (" + origin + "): " + e.getMessage(), e.isRetryable(), key, e);
    }
  }

  /** The ffmpeg transcoder with {@code vodkit.ffmpeg.*} applied. CONFIGURATION if ffmpeg is missing. */
  public FfmpegTranscoder transcoder() {
    FfmpegTranscoder.Builder b = FfmpegTranscoder.builder();
    path(FFMPEG_PATH).ifPresent(b::ffmpegPath);
    path(FFPROBE_PATH).ifPresent(b::ffprobePath);
    ffmpegThreads.ifPresent(b::encodeThreads);
    optional(FFMPEG_PRESET).ifPresent(
        preset -> {
          try {
            b.x264Preset(preset);
          } catch (IllegalArgumentException e) {
            throw error(FFMPEG_PRESET, FFMPEG_PRESET + ": " + e.getMessage() + " (" + origin + ")");
          }
        });
    return b.build();
  }

  /**
   * A builder with the given storage and store, the configured transcoder, HLS then DASH manifest
   * writers, the base URLs and every tuning key that is set (unset ones keep the builder's
   * defaults). The pipeline it builds closes the storage and the store.
   */
  public VideoPipeline.Builder builder(ObjectStorage storage, MetadataStore store) {
    return builder(storage, store, transcoder());
  }

  private VideoPipeline.Builder builder(ObjectStorage storage, MetadataStore store, FfmpegTranscoder transcoder) {
    VideoPipeline.Builder b =
        VideoPipeline.builder()
            .storage(storage)
            .store(store)
            .transcoder(transcoder)
            .manifestWriter(new HlsManifestWriter())
            .manifestWriter(new DashManifestWriter())
            .baseUrls(baseUrls);
    workers.ifPresent(b::workers);
    optional(WORKER_ID_PREFIX).ifPresent(b::workerIdPrefix);
    lease.ifPresent(b::leaseDuration);
    heartbeat.ifPresent(b::heartbeatInterval);
    pollInterval.ifPresent(b::pollInterval);
    supervisorInterval.ifPresent(b::supervisorInterval);
    maxAttempts.ifPresent(b::maxAttempts);
    workDir.ifPresent(b::workDir);
    return b;
  }

  /**
   * Opens storage and store and returns {@link #builder(ObjectStorage, MetadataStore)} on them;
   * if anything fails, what was opened is closed again.
   */
  public VideoPipeline.Builder builder() {
    return open().builder();
  }

  /**
   * Builds the transcoder (so a missing ffmpeg fails before anything is opened), then opens
   * storage and store (closing the storage if the store fails).
   */
  public Backends open() {
    FfmpegTranscoder transcoder = transcoder();
    ObjectStorage storage = openStorage();
    try {
      return new Backends(this, transcoder, storage, openStore());
    } catch (RuntimeException e) {
      try {
        storage.close();
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * The opened parts of a config, for processes that also need them directly (metrics, health
   * checks). A pipeline built from {@link #builder()} closes storage and store.
   *
   * @param config the config they came from
   * @param transcoder the transcoder
   * @param storage the storage
   * @param store the store
   */
  public record Backends(PipelineConfig config, FfmpegTranscoder transcoder, ObjectStorage storage, MetadataStore store) {
    /** A builder on these parts with every configured setting. */
    public VideoPipeline.Builder builder() {
      return config.builder(storage, store, transcoder);
    }
  }

  // ------------------------------------------------------------------ parsing

  private Optional<String> optional(String key) {
    String v = values.get(key);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  private String required(String key) {
    return optional(key).orElseThrow(() -> missing(key));
  }

  private VodkitException missing(String key) {
    return error(key, "missing key " + key + " in " + origin);
  }

  private <E extends Enum<E>> E choice(String key, Class<E> type) {
    String v = required(key);
    try {
      return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> allowed =
          java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
      throw error(key, key + " must be one of " + allowed + ", was '" + v + "' in " + origin);
    }
  }

  private boolean bool(String key) {
    Optional<String> v = optional(key);
    if (v.isEmpty()) {
      return false;
    }
    return switch (v.get().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw error(key, key + " must be true or false, was '" + v.get() + "' in " + origin);
    };
  }

  private URI uri(String key) {
    String v = required(key);
    try {
      URI u = new URI(v);
      if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")
          || u.getScheme().equals("file")) || (u.getHost() == null && !"file".equals(u.getScheme()))) {
        throw new URISyntaxException(v, "needs http://host…, https://host… or file:…");
      }
      return u;
    } catch (URISyntaxException e) {
      throw error(key, key + " must be an absolute http(s) or file: URL, was '" + v + "' in " + origin + " ("
          + e.getReason() + ")");
    }
  }

  private Optional<Path> path(String key) {
    try {
      return optional(key).map(Path::of);
    } catch (InvalidPathException e) {
      throw error(key, key + " is not a valid path in " + origin + ": " + e.getMessage());
    }
  }

  private Optional<Integer> integer(String key, int min) {
    Optional<String> v = optional(key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      int n = Integer.parseInt(v.get());
      if (n < min) {
        throw new NumberFormatException();
      }
      return Optional.of(n);
    } catch (NumberFormatException e) {
      throw error(key, key + " must be a whole number >= " + min + ", was '" + v.get() + "' in " + origin);
    }
  }

  private Optional<Duration> duration(String key) {
    Optional<String> v = optional(key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    Duration d = parseDuration(v.get());
    if (d == null || d.isZero() || d.isNegative()) {
      throw error(key, key + " must be a positive duration such as 500ms, 4s, 10m, 1h or PT4S, was '"
          + v.get() + "' in " + origin);
    }
    return Optional.of(d);
  }

  /** {@code 500ms}, {@code 4s}, {@code 10m}, {@code 1h} or ISO-8601; null if neither. */
  static Duration parseDuration(String text) {
    Matcher m = SHORT_DURATION.matcher(text);
    if (m.matches()) {
      long n;
      try {
        n = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        return null;
      }
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    }
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static VodkitException error(String key, String message) {
    return new VodkitException(ErrorCode.CONFIGURATION, message, false, key, null);
  }
}
