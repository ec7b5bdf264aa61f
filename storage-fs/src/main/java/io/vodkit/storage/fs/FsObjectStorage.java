package io.vodkit.storage.fs;

import com.sun.net.httpserver.HttpServer;
import io.vodkit.CompletedPart;
import io.vodkit.VodkitException;
import io.vodkit.spi.CachePolicy;
import io.vodkit.spi.DirectUploads;
import io.vodkit.spi.ObjectInfo;
import io.vodkit.spi.ObjectMetadata;
import io.vodkit.spi.ObjectStorage;
import io.vodkit.spi.PutResult;
import io.vodkit.storage.fs.Sidecars.ObjectRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link ObjectStorage} on a local directory, with presigned direct uploads.
 *
 * <p>Objects live at {@code root/objects/<key>}, their metadata in a sidecar tree {@code
 * root/meta/<key>} that {@link #list} never returns. Every write is staged in {@code root/tmp}
 * (computing the MD5 ETag on the way) and renamed into place atomically, so readers see the old or
 * the new object, never a part. Because keys are files, a key cannot also be a prefix of another
 * key ({@code a} and {@code a/b}); such a put fails with {@code CONFLICT}.
 *
 * <p>{@link #uploads()} implements the S3 multipart model: parts are PUT by clients to signed URLs
 * served by an {@link FsUploadServer}, kept under {@code root/uploads/<id>/}, verified and
 * concatenated by {@code complete}. The URLs point at the {@link FsUploadEndpoint}'s base URI and
 * are signed with its secret.
 *
 * <p>Thread-safe: writes to one key (and to one upload) are serialized, everything else runs in
 * parallel. Use one instance per root at a time: the locks live in the instance, so two instances
 * or processes writing the same key concurrently could pair an object with the other's metadata.
 * Reopening a root later (a restart) is fine. The conditional writes ({@link #putIfAbsent}, {@link
 * #putIfMatch}) are the exception: they check and write under an OS file lock in {@code
 * root/locks/} as well, so they stay atomic against each other across instances and processes
 * sharing the root (not against a plain {@code put} from another process).
 *
 * <p>Lifecycle: the storage holds no resources of its own. When built {@linkplain
 * #withUploadServer with its own upload server}, {@link #close()} stops that server; a server
 * started separately with {@link FsUploadServer#start} is closed by whoever started it.
 */
public final class FsObjectStorage implements ObjectStorage {
  /** Smallest size of every part but the last that {@code complete} accepts (S3's rule). */
  public static final long DEFAULT_MIN_PART_SIZE_BYTES = 5L << 20;
  /** Largest part or single PUT the upload endpoint accepts (S3's rule). */
  public static final long DEFAULT_MAX_PART_SIZE_BYTES = 5L << 30;
  /** Content type of objects PUT to a single-upload URL without a Content-Type header. */
  public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

  private static final Duration STALE_TEMP_AGE = Duration.ofHours(24);

  private final Layout layout;
  private final FsUploadEndpoint endpoint;
  private final SignedUrls signedUrls;
  private final long minPartSizeBytes;
  private final long maxPartSizeBytes;
  private final InstantSource clock;
  private final StripedLocks keyLocks = new StripedLocks(64);
  private final KeyFileLocks conditionLocks;
  private final FsMultipartUploads uploads;
  private volatile FsUploadServer ownedServer;

  private FsObjectStorage(Layout layout, KeyFileLocks conditionLocks, FsUploadEndpoint endpoint, Builder b) {
    this.layout = layout;
    this.conditionLocks = conditionLocks;
    this.endpoint = endpoint;
    this.signedUrls = new SignedUrls(endpoint);
    this.minPartSizeBytes = b.minPartSizeBytes;
    this.maxPartSizeBytes = b.maxPartSizeBytes;
    this.clock = b.clock;
    this.uploads = new FsMultipartUploads(this);
  }

  /**
   * A storage under {@code root} whose upload URLs point at {@code uploadsBaseUri}, signed with a
   * secret kept in {@code root/.upload-secret} (created on first use, mode 0600) so URLs stay
   * valid across restarts. Starts no listener: serve the URLs with {@link FsUploadServer#start}.
   */
  public static FsObjectStorage create(Path root, URI uploadsBaseUri) {
    return builder(root).uploadsBaseUri(uploadsBaseUri).build();
  }

  /** A storage under {@code root} whose upload URLs use {@code endpoint}. Starts no listener. */
  public static FsObjectStorage create(Path root, FsUploadEndpoint endpoint) {
    return builder(root).endpoint(endpoint).build();
  }

  /**
   * A storage under {@code root} together with its own {@link FsUploadServer} listening on
   * {@code bind} (port 0 picks a free port); upload URLs point at the address actually bound and
   * are signed with the secret in {@code root/.upload-secret}. {@link #close()} stops the server.
   */
  public static FsObjectStorage withUploadServer(Path root, InetSocketAddress bind) {
    return builder(root).buildWithUploadServer(bind);
  }

  /** A builder for every setting: limits, clock, endpoint, server threads. */
  public static Builder builder(Path root) {
    return new Builder(root);
  }

  // ------------------------------------------------------------------ ObjectStorage

  @Override
  public void put(String key, Path source, ObjectMetadata metadata) {
    ObjectKeys.requireValid(key);
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(metadata, "metadata");
    try (InputStream in = Files.newInputStream(source);
        StagedFile staged = StagedFile.copy(in, -1, layout.tmp)) {
      commit(key, staged, metadata, staged.md5Hex());
    } catch (IOException e) {
      throw VodkitException.storage("cannot put " + key + " from " + source + ": " + e.getMessage(), e);
    }
  }

  /** Stages the bytes straight into the storage (no detour through the system temp directory). */
  @Override
  public void put(String key, byte[] bytes, ObjectMetadata metadata) {
    ObjectKeys.requireValid(key);
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(metadata, "metadata");
    try (StagedFile staged = StagedFile.copy(new ByteArrayInputStream(bytes), bytes.length, layout.tmp)) {
      commit(key, staged, metadata, staged.md5Hex());
    } catch (IOException e) {
      throw VodkitException.storage("cannot put " + key + ": " + e.getMessage(), e);
    }
  }

  /**
   * Creates the object only if the key is free: the check and the rename into place happen under
   * the key's lock (in this instance and, through {@code root/locks/}, across processes).
   */
  @Override
  public PutResult putIfAbsent(String key, byte[] bytes, ObjectMetadata metadata) {
    ObjectKeys.requireValid(key);
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(metadata, "metadata");
    try (StagedFile staged = StagedFile.copy(new ByteArrayInputStream(bytes), bytes.length, layout.tmp);
        KeyFileLocks.Held held = conditionLocks.lock(key)) {
      ReentrantLock lock = keyLocks.of(key);
      lock.lock();
      try {
        Optional<ObjectInfo> existing = readInfo(key);
        if (existing.isPresent()) {
          return PutResult.existing(existing.get().etag());
        }
        return PutResult.created(commit(key, staged, metadata, staged.md5Hex()).etag());
      } finally {
        lock.unlock();
      }
    } catch (IOException e) {
      throw VodkitException.storage("cannot put " + key + " if absent: " + e.getMessage(), e);
    }
  }

  /**
   * Replaces the object only if its ETag is {@code expectedEtag}: the check and the rename into
   * place happen under the key's lock (in this instance and, through {@code root/locks/}, across
   * processes).
   */
  @Override
  public boolean putIfMatch(String key, byte[] bytes, ObjectMetadata metadata, String expectedEtag) {
    ObjectKeys.requireValid(key);
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(metadata, "metadata");
    String expected = CompletedPart.stripQuotes(Objects.requireNonNull(expectedEtag, "expectedEtag"));
    try (StagedFile staged = StagedFile.copy(new ByteArrayInputStream(bytes), bytes.length, layout.tmp);
        KeyFileLocks.Held held = conditionLocks.lock(key)) {
      ReentrantLock lock = keyLocks.of(key);
      lock.lock();
      try {
        Optional<ObjectInfo> current = readInfo(key);
        if (current.isEmpty() || !current.get().etag().equals(expected)) {
          return false;
        }
        commit(key, staged, metadata, staged.md5Hex());
        return true;
      } finally {
        lock.unlock();
      }
    } catch (IOException e) {
      throw VodkitException.storage("cannot put " + key + " if it matches " + expected + ": " + e.getMessage(), e);
    }
  }

  @Override
  public InputStream open(String key) {
    ObjectKeys.requireValid(key);
    Path file = layout.object(key);
    if (!Files.isRegularFile(file)) {
      throw VodkitException.notFound("object " + key);
    }
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      if (!Files.isRegularFile(file)) {
        throw VodkitException.notFound("object " + key); // deleted meanwhile
      }
      throw VodkitException.storage("cannot open " + key + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    ObjectKeys.requireValid(key);
    ReentrantLock lock = keyLocks.of(key);
    lock.lock();
    try {
      return readInfo(key);
    } catch (IOException e) {
      throw VodkitException.storage("cannot read metadata of " + key + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<String> list(String prefix) {
    ObjectKeys.requireValidPrefix(prefix);
    try {
      List<String> keys = layout.objectKeysUnder(prefix);
      Collections.sort(keys);
      return keys;
    } catch (IOException e) {
      throw VodkitException.storage("cannot list " + prefix + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void delete(String key) {
    ObjectKeys.requireValid(key);
    ReentrantLock lock = keyLocks.of(key);
    lock.lock();
    try {
      // regular files only: a key under another object ("a/b" below object "a") or above other
      // keys ("a" above "a/b") is simply not there
      Path object = layout.object(key);
      if (Files.isRegularFile(object)) {
        Files.deleteIfExists(object);
        Layout.pruneEmptyParents(object, layout.objects);
      }
      Path meta = layout.objectMeta(key);
      if (Files.isRegularFile(meta)) {
        Files.deleteIfExists(meta);
        Layout.pruneEmptyParents(meta, layout.meta);
      }
    } catch (IOException e) {
      throw VodkitException.storage("cannot delete " + key + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public DirectUploads uploads() {
    return uploads;
  }

  /** Stops the upload server this storage started ({@link #withUploadServer}), if any. */
  @Override
  public void close() {
    FsUploadServer server = ownedServer;
    if (server != null) {
      ownedServer = null;
      server.close();
    }
  }

  // ------------------------------------------------------------------ accessors

  /** The storage root directory (absolute). */
  public Path root() {
    return layout.root;
  }

  /** Where upload URLs point and how they are signed. */
  public FsUploadEndpoint endpoint() {
    return endpoint;
  }

  /** Smallest size of every part but the last that {@code complete} accepts. */
  public long minPartSizeBytes() {
    return minPartSizeBytes;
  }

  /** Largest part (or single PUT) the upload endpoint accepts. */
  public long maxPartSizeBytes() {
    return maxPartSizeBytes;
  }

  /** The upload server this storage owns (built with {@link #withUploadServer}), if any. */
  public Optional<FsUploadServer> uploadServer() {
    return Optional.ofNullable(ownedServer);
  }

  @Override
  public String toString() {
    return "FsObjectStorage[" + layout.root + ", uploads " + endpoint.baseUri() + "]";
  }

  // ------------------------------------------------------------------ package internals

  Layout layout() {
    return layout;
  }

  SignedUrls signedUrls() {
    return signedUrls;
  }

  InstantSource clock() {
    return clock;
  }

  FsMultipartUploads multipart() {
    return uploads;
  }

  /** Streams exactly {@code expectedBytes} of {@code in} into a staging file. */
  StagedFile stage(InputStream in, long expectedBytes) throws IOException {
    return StagedFile.copy(in, expectedBytes, layout.tmp);
  }

  /**
   * Moves a staged file into place under {@code key}, with its metadata, atomically with respect
   * to every other operation on that key.
   */
  ObjectInfo commit(String key, StagedFile staged, ObjectMetadata metadata, String etag)
      throws IOException {
    ObjectRecord record =
        new ObjectRecord(metadata.contentType(), metadata.cacheControl(), etag, staged.sizeBytes());
    Path target = layout.object(key);
    ReentrantLock lock = keyLocks.of(key);
    lock.lock();
    try {
      if (Files.isDirectory(target)) {
        throw VodkitException.conflict(
            "cannot store " + key + ": other keys start with " + key + "/, and filesystem storage"
                + " cannot hold a key that is also a prefix");
      }
      try {
        Layout.moveAtomically(staged.path(), target);
      } catch (FileAlreadyExistsException e) {
        throw VodkitException.conflict(
            "cannot store " + key + ": a shorter key on its path is an object (" + e.getFile()
                + "), and filesystem storage cannot hold a key that is also a prefix");
      }
      layout.writeJson(layout.objectMeta(key), record);
      return readInfo(key).orElseThrow(() -> new NoSuchFileException(target.toString()));
    } finally {
      lock.unlock();
    }
  }

  private Optional<ObjectInfo> readInfo(String key) throws IOException {
    Path file = layout.object(key);
    if (!Files.isRegularFile(file)) {
      return Optional.empty(); // includes keys below another object, which can't exist
    }
    BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
    ObjectRecord record = Layout.readJson(layout.objectMeta(key), ObjectRecord.class).orElse(null);
    if (record == null || record.sizeBytes() != attrs.size()) {
      // metadata lost (a crash between the two renames): recover what the bytes tell
      record = new ObjectRecord(DEFAULT_CONTENT_TYPE, CachePolicy.PRIVATE, md5Hex(file), attrs.size());
    }
    return Optional.of(
        new ObjectInfo(key, attrs.size(), record.etag(), record.metadata(), attrs.lastModifiedTime().toInstant()));
  }

  private static String md5Hex(Path file) throws IOException {
    return HexFormat.of().formatHex(StagedFile.md5Of(file));
  }

  /**
   * Configures an {@link FsObjectStorage}. Set either {@link #uploadsBaseUri} or {@link
   * #endpoint}, unless you use {@link #buildWithUploadServer}, which derives the base URI from the
   * bound address when neither is set. Not thread-safe; build once.
   */
  public static final class Builder {
    private final Path root;
    private URI uploadsBaseUri;
    private FsUploadEndpoint endpoint;
    private long minPartSizeBytes = DEFAULT_MIN_PART_SIZE_BYTES;
    private long maxPartSizeBytes = DEFAULT_MAX_PART_SIZE_BYTES;
    private int uploadServerThreads = FsUploadServer.DEFAULT_THREADS;
    private InstantSource clock = InstantSource.system();

    private Builder(Path root) {
      this.root = Objects.requireNonNull(root, "root");
    }

    /** Public base URI of the upload endpoint; the secret is kept in {@code root/.upload-secret}. */
    public Builder uploadsBaseUri(URI uploadsBaseUri) {
      this.uploadsBaseUri = Objects.requireNonNull(uploadsBaseUri, "uploadsBaseUri");
      this.endpoint = null;
      return this;
    }

    /** Base URI and secret given explicitly (e.g. a secret shared between several hosts). */
    public Builder endpoint(FsUploadEndpoint endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
      this.uploadsBaseUri = null;
      return this;
    }

    /** Smallest size of every part but the last that {@code complete} accepts; default 5 MiB. */
    public Builder minPartSizeBytes(long bytes) {
      if (bytes < 1) {
        throw VodkitException.configuration("minPartSizeBytes must be positive, was " + bytes);
      }
      this.minPartSizeBytes = bytes;
      return this;
    }

    /** Largest part or single PUT the upload endpoint accepts (413 above); default 5 GiB. */
    public Builder maxPartSizeBytes(long bytes) {
      if (bytes < 1) {
        throw VodkitException.configuration("maxPartSizeBytes must be positive, was " + bytes);
      }
      this.maxPartSizeBytes = bytes;
      return this;
    }

    /** Handler threads of the server {@link #buildWithUploadServer} starts; default 16. */
    public Builder uploadServerThreads(int threads) {
      if (threads < 1) {
        throw VodkitException.configuration("uploadServerThreads must be positive, was " + threads);
      }
      this.uploadServerThreads = threads;
      return this;
    }

    /** Clock for URL expiry; default the system clock. */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Creates the directories under the root and the storage; starts no listener. */
    public FsObjectStorage build() {
      if (endpoint == null && uploadsBaseUri == null) {
        throw VodkitException.configuration(
            "FsObjectStorage needs an uploads base URI or an endpoint (or use buildWithUploadServer)");
      }
      return newStorage(uploadsBaseUri);
    }

    /**
     * Binds an upload server to {@code bind} (port 0 picks a free port), then creates the storage
     * with URLs pointing at the configured base URI or, if none is set, at the bound address. The
     * storage owns the server: {@link FsObjectStorage#close()} stops it.
     */
    public FsObjectStorage buildWithUploadServer(InetSocketAddress bind) {
      HttpServer http = FsUploadServer.bind(bind);
      try {
        URI base = uploadsBaseUri != null ? uploadsBaseUri : FsUploadServer.baseUriOf(http.getAddress());
        FsObjectStorage storage = newStorage(base);
        storage.ownedServer = FsUploadServer.attach(http, storage, uploadServerThreads);
        return storage;
      } catch (RuntimeException | Error e) {
        http.stop(0);
        throw e;
      }
    }

    private FsObjectStorage newStorage(URI base) {
      if (minPartSizeBytes > maxPartSizeBytes) {
        throw VodkitException.configuration(
            "minPartSizeBytes (" + minPartSizeBytes + ") exceeds maxPartSizeBytes (" + maxPartSizeBytes + ")");
      }
      Layout layout;
      KeyFileLocks conditionLocks;
      try {
        layout = new Layout(root);
        layout.sweepTemp(STALE_TEMP_AGE, clock.instant());
        conditionLocks = new KeyFileLocks(layout.root.resolve("locks"));
      } catch (IOException e) {
        throw VodkitException.configuration("cannot use storage root " + root + ": " + e);
      }
      FsUploadEndpoint ep =
          endpoint != null ? endpoint : FsUploadEndpoint.withPersistentSecret(base, layout.secretFile());
      return new FsObjectStorage(layout, conditionLocks, ep, this);
    }
  }
}
