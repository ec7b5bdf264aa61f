package io.vodkit.spring;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code vodkit.*} settings the starter builds its {@code VideoPipeline} from. With nothing set
 * it runs the embedded layout under {@code vodkit-data}: filesystem storage with its own upload
 * listener and CDN origin on loopback, SQLite, local ffmpeg, HLS and DASH.
 */
@ConfigurationProperties("vodkit")
public class VodkitProperties {
  /**
   * Directory of the embedded defaults: fs storage in data-dir/storage, the SQLite
   * database data-dir/vodkit.db and ffmpeg scratch space data-dir/work.
   */
  private Path dataDir = Path.of("vodkit-data");

  /**
   * Worker threads that transcode in this process; 0 for an API-only process. Default: cores / 2,
   * at least 1.
   */
  private Integer workers;

  /** How long a claimed transcode job stays leased without a heartbeat. Default 10 minutes. */
  private Duration lease;

  /** How many claims a transcode job gets before it fails. Default 3. */
  private Integer maxAttempts;

  /** How long upload URLs and upload sessions stay valid. Default 1 hour. */
  private Duration uploadTtl;

  private final Storage storage = new Storage();
  private final Store store = new Store();
  private final BaseUrls baseUrls = new BaseUrls();
  private final WebhookSettings webhooks = new WebhookSettings();

  public Path getDataDir() {
    return dataDir;
  }

  public void setDataDir(Path dataDir) {
    this.dataDir = dataDir;
  }

  public Integer getWorkers() {
    return workers;
  }

  public void setWorkers(Integer workers) {
    this.workers = workers;
  }

  public Duration getLease() {
    return lease;
  }

  public void setLease(Duration lease) {
    this.lease = lease;
  }

  public Integer getMaxAttempts() {
    return maxAttempts;
  }

  public void setMaxAttempts(Integer maxAttempts) {
    this.maxAttempts = maxAttempts;
  }

  public Duration getUploadTtl() {
    return uploadTtl;
  }

  public void setUploadTtl(Duration uploadTtl) {
    this.uploadTtl = uploadTtl;
  }

  public Storage getStorage() {
    return storage;
  }

  public Store getStore() {
    return store;
  }

  public BaseUrls getBaseUrls() {
    return baseUrls;
  }

  public WebhookSettings getWebhooks() {
    return webhooks;
  }

  /** Which object storage holds sources, segments and manifests. */
  public enum StorageType {
    /** A directory on local disk, served by vodkit's own upload listener and CDN origin. */
    FS,
    /** A bucket of any S3-compatible store. */
    S3
  }

  /** Which database holds videos, jobs and view totals. */
  public enum StoreType {
    /** A SQLite file: one machine. */
    SQLITE,
    /** PostgreSQL through the application's {@code DataSource}: a fleet. */
    POSTGRES
  }

  /** {@code vodkit.storage.*}: where the bytes go. */
  public static class Storage {
    /** Object storage kind: fs or s3. */
    private StorageType type = StorageType.FS;

    private final Fs fs = new Fs();
    private final S3 s3 = new S3();

    public StorageType getType() {
      return type;
    }

    public void setType(StorageType type) {
      this.type = type;
    }

    public Fs getFs() {
      return fs;
    }

    public S3 getS3() {
      return s3;
    }
  }

  /** {@code vodkit.storage.fs.*}: filesystem storage. */
  public static class Fs {
    /** Directory of the object tree. Default data-dir/storage. */
    private Path root;

    public Path getRoot() {
      return root;
    }

    public void setRoot(Path root) {
      this.root = root;
    }
  }

  /** {@code vodkit.storage.s3.*}: an S3-compatible bucket. */
  public static class S3 {
    /** Bucket name. Required when vodkit.storage.type=s3. */
    private String bucket;

    /** Endpoint of an S3-compatible store (MinIO, R2, Ceph…). Default: AWS. */
    private URI endpoint;

    /** Signing region. Default: the AWS SDK's region chain (us-east-1 with an endpoint). */
    private String region;

    /** Path-style addressing (endpoint/bucket/key), which most S3-compatible stores need. */
    private boolean pathStyle;

    /** Static access key id; with secret-key. Default: the AWS SDK's credentials chain. */
    private String accessKey;

    /** Static secret access key; with access-key. Default: the AWS SDK's credentials chain. */
    private String secretKey;

    public String getBucket() {
      return bucket;
    }

    public void setBucket(String bucket) {
      this.bucket = bucket;
    }

    public URI getEndpoint() {
      return endpoint;
    }

    public void setEndpoint(URI endpoint) {
      this.endpoint = endpoint;
    }

    public String getRegion() {
      return region;
    }

    public void setRegion(String region) {
      this.region = region;
    }

    public boolean isPathStyle() {
      return pathStyle;
    }

    public void setPathStyle(boolean pathStyle) {
      this.pathStyle = pathStyle;
    }

    public String getAccessKey() {
      return accessKey;
    }

    public void setAccessKey(String accessKey) {
      this.accessKey = accessKey;
    }

    public String getSecretKey() {
      return secretKey;
    }

    public void setSecretKey(String secretKey) {
      this.secretKey = secretKey;
    }
  }

  /** {@code vodkit.store.*}: where the metadata and the job queue live. */
  public static class Store {
    /** Metadata store kind: sqlite or postgres (the application's DataSource). */
    private StoreType type = StoreType.SQLITE;

    private final Sqlite sqlite = new Sqlite();
    private final Postgres postgres = new Postgres();

    public StoreType getType() {
      return type;
    }

    public void setType(StoreType type) {
      this.type = type;
    }

    public Sqlite getSqlite() {
      return sqlite;
    }

    public Postgres getPostgres() {
      return postgres;
    }
  }

  /** {@code vodkit.store.sqlite.*}. */
  public static class Sqlite {
    /** The SQLite database file. Default data-dir/vodkit.db. */
    private Path path;

    public Path getPath() {
      return path;
    }

    public void setPath(Path path) {
      this.path = path;
    }
  }

  /** {@code vodkit.store.postgres.*}: PostgreSQL through the application's DataSource bean. */
  public static class Postgres {
    /** Schema of vodkit's tables (created if missing). Default: the connections' search path. */
    private String schema;

    public String getSchema() {
      return schema;
    }

    public void setSchema(String schema) {
      this.schema = schema;
    }
  }

  /** {@code vodkit.base-urls.*}: the three base URLs of the pipeline. */
  public static class BaseUrls {
    /** Base URL of the application's REST API. Default http://localhost/. */
    private URI api;

    /**
     * Base URL of the upload endpoint, with s3 storage only (default: the S3 endpoint); fs storage
     * always uses the address of its own upload listener.
     */
    private URI uploads;

    /**
     * Base URL players fetch videos/{id}/… from. Default with fs storage: vodkit's own origin on
     * loopback; required with s3 storage.
     */
    private URI cdn;

    public URI getApi() {
      return api;
    }

    public void setApi(URI api) {
      this.api = api;
    }

    public URI getUploads() {
      return uploads;
    }

    public void setUploads(URI uploads) {
      this.uploads = uploads;
    }

    public URI getCdn() {
      return cdn;
    }

    public void setCdn(URI cdn) {
      this.cdn = cdn;
    }
  }

  /**
   * {@code vodkit.webhooks.*}: signed completion webhooks, run when vodkit-webhooks is on the class
   * path. Only public internet addresses may be registered and called unless opened here.
   */
  public static class WebhookSettings {
    /**
     * Whether to run the webhook dispatcher and provide a Webhooks bean on the pipeline's store.
     * Applies only when vodkit-webhooks is on the class path.
     */
    private boolean enabled = true;

    /**
     * Whether endpoints on loopback (127.0.0.0/8, ::1) may be registered and called: local
     * receivers and tests; keep it off in production.
     */
    private boolean allowLoopback;

    /**
     * Address ranges in CIDR notation (e.g. 10.20.0.0/16, fd00::/8) endpoints may use besides the
     * public internet: receivers on a private network. Default: none.
     */
    private List<String> allowedCidrs = new ArrayList<>();

    /** How long the dispatcher sleeps after a pass with nothing to deliver. Default 1 second. */
    private Duration pollInterval;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public boolean isAllowLoopback() {
      return allowLoopback;
    }

    public void setAllowLoopback(boolean allowLoopback) {
      this.allowLoopback = allowLoopback;
    }

    public List<String> getAllowedCidrs() {
      return allowedCidrs;
    }

    public void setAllowedCidrs(List<String> allowedCidrs) {
      this.allowedCidrs = allowedCidrs;
    }

    public Duration getPollInterval() {
      return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
    }
  }
}
