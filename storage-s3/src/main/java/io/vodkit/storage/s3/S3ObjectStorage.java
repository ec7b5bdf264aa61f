package io.vodkit.storage.s3;

import io.vodkit.CompletedPart;
import io.vodkit.VodkitException;
import io.vodkit.spi.DirectUploads;
import io.vodkit.spi.ObjectInfo;
import io.vodkit.spi.ObjectMetadata;
import io.vodkit.spi.ObjectStorage;
import io.vodkit.spi.PutResult;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@link ObjectStorage} on one bucket of any S3-compatible store (AWS S3, MinIO, Ceph RGW, R2,
 * S3Proxy…) through aws-sdk-java-v2. Objects are stored under their key as is; Content-Type and
 * Cache-Control are S3 object metadata, so the store (or a CDN in front of it) serves them.
 * {@link #uploads()} hands out real presigned {@code UploadPart} / {@code PutObject} URLs;
 * {@link #presignGet} presigned {@code GetObject} URLs for private objects.
 *
 * <p>Writes are atomically visible because S3 makes every {@code PutObject} and {@code
 * CompleteMultipartUpload} so. {@link #put(String, Path, ObjectMetadata)} streams the file
 * ({@code RequestBody.fromFile}); nothing is held in memory. Failures are {@link VodkitException}s:
 * see {@code S3Errors} for how S3 answers map to error codes.
 *
 * <p>Conditional writes are S3 conditional {@code PutObject}s: {@link #putIfAbsent} sends {@code
 * If-None-Match: *}, {@link #putIfMatch} {@code If-Match: "etag"}; the store decides atomically
 * (AWS S3 since 2024; S3Proxy checks If-Match before writing rather than atomically). A store
 * that does not support them answers 501 {@code NotImplemented}: the storage then logs a warning
 * once and falls back to the {@link ObjectStorage} defaults (head, then put: not atomic).
 *
 * <p>Threading: thread-safe, as the SDK clients are; share one instance.
 *
 * <p>Lifecycle: a storage from {@link #create} borrows the client and presigner, and {@link
 * #close()} leaves them open (their creator closes them). A storage from {@link #builder} owns the
 * client and presigner it built and {@link #close()} closes both.
 */
public final class S3ObjectStorage implements ObjectStorage {
  /** Content type reported for an object stored without one. */
  public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

  private static final Logger log = LoggerFactory.getLogger(S3ObjectStorage.class);
  private static final int DELETE_BATCH = 1000;
  /** Tries of a create-if-absent whose competitor vanished (deleted) before it could be headed. */
  private static final int CREATE_ATTEMPTS = 3;

  private final S3Client s3;
  private final S3Presigner presigner;
  private final String bucket;
  private final boolean ownsClients;
  private final S3DirectUploads uploads;
  /** Set once the store answered a conditional write with 501: use the non-atomic defaults. */
  private volatile boolean noConditionalWrites;

  private S3ObjectStorage(S3Client s3, S3Presigner presigner, String bucket, boolean ownsClients) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.presigner = Objects.requireNonNull(presigner, "presigner");
    this.bucket = requireBucket(bucket);
    this.ownsClients = ownsClients;
    this.uploads = new S3DirectUploads(this);
  }

  /**
   * A storage on {@code bucket} using the given client and presigner (configure both for the same
   * endpoint, region, credentials and addressing style). They stay the caller's to close.
   */
  public static S3ObjectStorage create(S3Client s3, S3Presigner presigner, String bucket) {
    return new S3ObjectStorage(s3, presigner, bucket, false);
  }

  /** A builder for a storage on {@code bucket} that creates (and closes) its own client and presigner. */
  public static Builder builder(String bucket) {
    return new Builder(bucket);
  }

  /** The bucket this storage writes to. */
  public String bucket() {
    return bucket;
  }

  // ------------------------------------------------------------------ ObjectStorage

  @Override
  public void put(String key, Path source, ObjectMetadata metadata) {
    Objects.requireNonNull(source, "source");
    try {
      s3.putObject(putRequest(key, metadata), RequestBody.fromFile(source));
    } catch (SdkException e) {
      throw S3Errors.map("object " + key, e);
    } catch (UncheckedIOException e) {
      throw VodkitException.storage("cannot put " + key + " from " + source + ": " + e.getMessage(), e);
    }
  }

  /** Sends the bytes straight from memory (for small objects such as manifests). */
  @Override
  public void put(String key, byte[] bytes, ObjectMetadata metadata) {
    Objects.requireNonNull(bytes, "bytes");
    try {
      s3.putObject(putRequest(key, metadata), RequestBody.fromBytes(bytes));
    } catch (SdkException e) {
      throw S3Errors.map("object " + key, e);
    }
  }

  /**
   * {@code PutObject} with {@code If-None-Match: *}. A 412 (or 409: a concurrent conditional
   * write) means the key is taken; the existing object's ETag is then read with a HEAD (retrying
   * the create if the object was deleted in between). A 412 answering the SDK's retry of this
   * very write, which had landed, still reports {@code created}. Not atomic on a store without
   * conditional writes (see the class comment).
   */
  @Override
  public PutResult putIfAbsent(String key, byte[] bytes, ObjectMetadata metadata) {
    Objects.requireNonNull(bytes, "bytes");
    PutObjectRequest request = putRequest(key, metadata).toBuilder().ifNoneMatch("*").build();
    for (int attempt = 1; ; attempt++) {
      if (noConditionalWrites) {
        return ObjectStorage.super.putIfAbsent(key, bytes, metadata);
      }
      try {
        PutObjectResponse response = s3.putObject(request, RequestBody.fromBytes(bytes));
        return PutResult.created(response.eTag() == null ? "" : CompletedPart.stripQuotes(response.eTag()));
      } catch (SdkException e) {
        if (S3Errors.isNotImplemented(e)) {
          fallBackToNonAtomicWrites(e);
          continue;
        }
        if (!S3Errors.isConditionFailed(e)) {
          throw S3Errors.map("object " + key, e);
        }
        Optional<ObjectInfo> existing = head(key);
        if (existing.isPresent()) {
          return mayBeOwnRetriedWrite(e, existing.get(), bytes)
              ? PutResult.created(existing.get().etag())
              : PutResult.existing(existing.get().etag());
        }
      }
      if (attempt == CREATE_ATTEMPTS) {
        throw VodkitException.storage(
            "object " + key + " was refused as existing yet was gone, " + attempt + " times", null);
      }
    }
  }

  /**
   * {@code PutObject} with {@code If-Match: "expectedEtag"}; false on 412 (another ETag), 404
   * (no object) or 409 (a concurrent conditional write won); true when a 412 answers the SDK's
   * retry of this very write, which had landed. Not atomic on a store without conditional writes
   * (see the class comment).
   */
  @Override
  public boolean putIfMatch(String key, byte[] bytes, ObjectMetadata metadata, String expectedEtag) {
    Objects.requireNonNull(bytes, "bytes");
    String quoted = "\"" + CompletedPart.stripQuotes(Objects.requireNonNull(expectedEtag, "expectedEtag")) + "\"";
    if (noConditionalWrites) {
      return ObjectStorage.super.putIfMatch(key, bytes, metadata, expectedEtag);
    }
    try {
      s3.putObject(putRequest(key, metadata).toBuilder().ifMatch(quoted).build(), RequestBody.fromBytes(bytes));
      return true;
    } catch (SdkException e) {
      if (S3Errors.isConditionFailed(e)) {
        return head(key).map(now -> mayBeOwnRetriedWrite(e, now, bytes)).orElse(false);
      }
      if (S3Errors.isNotFound(e)) {
        return false;
      }
      if (S3Errors.isNotImplemented(e)) {
        fallBackToNonAtomicWrites(e);
        return ObjectStorage.super.putIfMatch(key, bytes, metadata, expectedEtag);
      }
      throw S3Errors.map("object " + key, e);
    }
  }

  /**
   * True if a refused conditional write was the SDK's retry of this very write, which had landed
   * (its answer lost on the way): more than one attempt was made and the object now holds exactly
   * these bytes by its MD5 ETag. (An object with another kind of ETag, e.g. SSE-KMS, is reported
   * as someone else's: the safe side.)
   */
  private static boolean mayBeOwnRetriedWrite(SdkException refusal, ObjectInfo now, byte[] bytes) {
    Integer attempts = refusal.numAttempts();
    return attempts != null && attempts > 1 && now.etag().equals(md5Hex(bytes));
  }

  private static String md5Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is unavailable", e);
    }
  }

  private void fallBackToNonAtomicWrites(SdkException e) {
    if (!noConditionalWrites) {
      noConditionalWrites = true;
      log.warn("bucket {}: the store does not support conditional writes (If-None-Match / If-Match: {}); "
          + "conditional puts fall back to head-then-put, which is not atomic", bucket, e.getMessage());
    }
  }

  /** Streams the object from S3; the caller closes the stream (which releases the connection). */
  @Override
  public InputStream open(String key) {
    requireKey(key);
    try {
      return s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build());
    } catch (SdkException e) {
      throw S3Errors.map("object " + key, e);
    }
  }

  /** Fetches only the first {@code maxBytes} bytes (a ranged GET). */
  @Override
  public byte[] readFirstBytes(String key, int maxBytes) {
    requireKey(key);
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
    }
    if (maxBytes == 0) {
      head(key).orElseThrow(() -> VodkitException.notFound("object " + key));
      return new byte[0];
    }
    try {
      byte[] bytes =
          s3.getObjectAsBytes(
                  GetObjectRequest.builder().bucket(bucket).key(key).range("bytes=0-" + (maxBytes - 1)).build())
              .asByteArray();
      // a store that ignores Range sends the whole object
      return bytes.length <= maxBytes ? bytes : Arrays.copyOf(bytes, maxBytes);
    } catch (S3Exception e) {
      if (e.statusCode() == 416) { // an empty object has no byte 0
        return new byte[0];
      }
      throw S3Errors.map("object " + key, e);
    } catch (SdkException e) {
      throw S3Errors.map("object " + key, e);
    }
  }

  /**
   * The object's size, ETag, metadata and last write. An object stored without Cache-Control
   * (e.g. by a client PUT to a {@link DirectUploads#presignPut} URL) reports it as {@code ""}.
   */
  @Override
  public Optional<ObjectInfo> head(String key) {
    requireKey(key);
    try {
      HeadObjectResponse h = s3.headObject(b -> b.bucket(bucket).key(key));
      ObjectMetadata metadata =
          ObjectMetadata.of(
              h.contentType() == null ? DEFAULT_CONTENT_TYPE : h.contentType(),
              h.cacheControl() == null ? "" : h.cacheControl());
      Instant modified = h.lastModified() == null ? Instant.EPOCH : h.lastModified();
      long size = h.contentLength() == null ? 0 : h.contentLength();
      String etag = h.eTag() == null ? "" : CompletedPart.stripQuotes(h.eTag());
      return Optional.of(new ObjectInfo(key, size, etag, metadata, modified));
    } catch (SdkException e) {
      if (S3Errors.isNotFound(e)) {
        return Optional.empty();
      }
      throw S3Errors.map("object " + key, e);
    }
  }

  @Override
  public List<String> list(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    try {
      List<String> keys = new ArrayList<>();
      for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
        keys.add(o.key());
      }
      Collections.sort(keys);
      return keys;
    } catch (SdkException e) {
      throw S3Errors.map("listing " + prefix, e);
    }
  }

  @Override
  public void delete(String key) {
    requireKey(key);
    try {
      s3.deleteObject(b -> b.bucket(bucket).key(key));
    } catch (SdkException e) {
      if (!S3Errors.isNotFound(e)) {
        throw S3Errors.map("object " + key, e);
      }
    }
  }

  /** Deletes every object under {@code prefix} with batched {@code DeleteObjects} (1,000 keys a call). */
  @Override
  public void deletePrefix(String prefix) {
    List<String> keys = list(prefix);
    for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
      List<ObjectIdentifier> batch = new ArrayList<>();
      for (String key : keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH))) {
        batch.add(ObjectIdentifier.builder().key(key).build());
      }
      DeleteObjectsResponse response;
      try {
        response = s3.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(batch).quiet(true).build()));
      } catch (SdkException e) {
        throw S3Errors.map("deleting " + prefix, e);
      }
      if (response.hasErrors() && !response.errors().isEmpty()) {
        var first = response.errors().get(0);
        throw VodkitException.storage(
            "S3 could not delete " + response.errors().size() + " objects under " + prefix + ", e.g. "
                + first.key() + ": " + first.code() + " " + first.message(),
            null);
      }
    }
  }

  @Override
  public DirectUploads uploads() {
    return uploads;
  }

  /**
   * A presigned {@code GetObject} URL for {@code key}, valid for {@code validFor} (1 s to 7 days,
   * SigV4's limit), for handing a private object (such as a raw upload) to a player or worker.
   * The object need not exist yet; an absent one answers 404 when fetched.
   */
  public URI presignGet(String key, Duration validFor) {
    requireKey(key);
    Duration duration = Presigning.validity(Instant.now().plus(Objects.requireNonNull(validFor, "validFor")));
    return Presigning.toUri(
        presigner
            .presignGetObject(r -> r.signatureDuration(duration).getObjectRequest(g -> g.bucket(bucket).key(key)))
            .url());
  }

  /** Closes the client and presigner if this storage built them ({@link #builder}); else nothing. */
  @Override
  public void close() {
    if (ownsClients) {
      try {
        s3.close();
      } finally {
        presigner.close();
      }
    }
  }

  @Override
  public String toString() {
    return "S3ObjectStorage[" + bucket + "]";
  }

  S3Client client() {
    return s3;
  }

  S3Presigner presigner() {
    return presigner;
  }

  private PutObjectRequest putRequest(String key, ObjectMetadata metadata) {
    requireKey(key);
    Objects.requireNonNull(metadata, "metadata");
    return PutObjectRequest.builder()
        .bucket(bucket)
        .key(key)
        .contentType(metadata.contentType())
        .cacheControl(metadata.cacheControl().isEmpty() ? null : metadata.cacheControl())
        .build();
  }

  static void requireKey(String key) {
    if (key == null || key.isEmpty() || key.startsWith("/")) {
      throw VodkitException.invalid("key", "an object key must be non-empty and relative, was " + key);
    }
  }

  private static String requireBucket(String bucket) {
    if (bucket == null || bucket.isBlank()) {
      throw VodkitException.configuration("an S3 bucket name is required");
    }
    return bucket;
  }

  /**
   * Builds an {@link S3ObjectStorage} with its own {@link S3Client} (on the SDK's URLConnection
   * HTTP client) and {@link S3Presigner}, configured alike. Unset settings fall back to the SDK's
   * defaults (region and credentials from the environment, virtual-host addressing, CRC
   * checksums), except that a storage with an {@link #endpointOverride} and no region uses {@code
   * us-east-1}, which most S3-compatible stores accept. Not thread-safe; build once.
   */
  public static final class Builder {
    private final String bucket;
    private URI endpoint;
    private boolean pathStyle;
    private Region region;
    private AwsCredentialsProvider credentials;
    private boolean checksumsOnlyWhenRequired;

    private Builder(String bucket) {
      this.bucket = requireBucket(bucket);
    }

    /** The store's endpoint ({@code http://127.0.0.1:9000} for MinIO); default AWS S3's. */
    public Builder endpointOverride(URI endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
      return this;
    }

    /**
     * Path-style URLs ({@code http://host/bucket/key}) instead of virtual-host ones ({@code
     * http://bucket.host/key}); most self-hosted stores need this. Default false.
     */
    public Builder pathStyle(boolean pathStyle) {
      this.pathStyle = pathStyle;
      return this;
    }

    /** The region to sign for; default the SDK's region chain (or us-east-1 with an endpoint override). */
    public Builder region(Region region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /** Where keys come from; default the SDK's chain (environment, profile, instance role…). */
    public Builder credentials(AwsCredentialsProvider credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /**
     * Sends and validates the SDK's CRC checksums only where S3 requires them, for older
     * S3-compatible stores that reject the SDK's default (checksums on every upload since SDK
     * 2.30). Default false.
     */
    public Builder checksumsOnlyWhenRequired(boolean onlyWhenRequired) {
      this.checksumsOnlyWhenRequired = onlyWhenRequired;
      return this;
    }

    /** Builds the clients and the storage; the storage closes the clients. */
    public S3ObjectStorage build() {
      S3Configuration service = S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build();
      Region signingRegion = region == null && endpoint != null ? Region.US_EAST_1 : region;
      S3ClientBuilder client =
          S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).serviceConfiguration(service);
      S3Presigner.Builder presigner = S3Presigner.builder().serviceConfiguration(service);
      if (endpoint != null) {
        client.endpointOverride(endpoint);
        presigner.endpointOverride(endpoint);
      }
      if (signingRegion != null) {
        client.region(signingRegion);
        presigner.region(signingRegion);
      }
      if (credentials != null) {
        client.credentialsProvider(credentials);
        presigner.credentialsProvider(credentials);
      }
      if (checksumsOnlyWhenRequired) {
        client.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
        client.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
      }
      S3Client s3 = client.build();
      try {
        return new S3ObjectStorage(s3, presigner.build(), bucket, true);
      } catch (RuntimeException e) {
        s3.close();
        throw e;
      }
    }
  }
}
