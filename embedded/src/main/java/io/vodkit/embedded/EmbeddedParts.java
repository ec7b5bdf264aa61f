package io.vodkit.embedded;

import io.vodkit.BaseUrls;
import io.vodkit.VideoPipeline;
import io.vodkit.VodkitException;
import io.vodkit.dash.DashManifestWriter;
import io.vodkit.ffmpeg.FfmpegTranscoder;
import io.vodkit.hls.HlsManifestWriter;
import io.vodkit.storage.fs.FsObjectStorage;
import io.vodkit.storage.fs.FsOriginServer;
import io.vodkit.store.jdbc.JdbcStore;
import io.vodkit.store.jdbc.JdbcViewStore;
import io.vodkit.views.BufferedViewCounter;
import io.vodkit.views.ViewCounterConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The opened parts of an embedded pipeline, the one place they are wired: {@link FsObjectStorage}
 * with its signed upload endpoint, optionally an {@link FsOriginServer} as CDN, a {@link
 * JdbcStore} and a {@link JdbcViewStore} (SQLite in one file, or ones the caller opened, such as
 * PostgreSQL), {@link FfmpegTranscoder#onPath()}, HLS + DASH and a work directory. {@code
 * VideoPipeline.embedded(dir)}, the reference server and the Spring Boot starter all build on it.
 *
 * <p>{@link #configure} hands everything to a pipeline builder; the pipeline built from it owns
 * the parts and closes them (view counter, view store, origin, store, storage). Until then they
 * are this object's: {@link #close()} (or {@link #closeAfter}) closes them when the pipeline is
 * never built.
 */
public final class EmbeddedParts implements AutoCloseable {
  private final FsObjectStorage storage;
  private final FsOriginServer origin;
  private final JdbcStore store;
  private final JdbcViewStore viewStore;
  private final FfmpegTranscoder transcoder;
  private final BaseUrls baseUrls;
  private final Path workDir;
  private final List<AutoCloseable> opened; // in the order opened

  private EmbeddedParts(
      FsObjectStorage storage, FsOriginServer origin, JdbcStore store, JdbcViewStore viewStore,
      FfmpegTranscoder transcoder, BaseUrls baseUrls, Path workDir, List<AutoCloseable> opened) {
    this.storage = storage;
    this.origin = origin;
    this.store = store;
    this.viewStore = viewStore;
    this.transcoder = transcoder;
    this.baseUrls = baseUrls;
    this.workDir = workDir;
    this.opened = List.copyOf(opened);
  }

  /**
   * Opens the parts under {@code dataDir}: storage (default {@code dataDir/storage}), SQLite store
   * and view store in one file (default {@code dataDir/vodkit.db}), work directory {@code
   * dataDir/work}, listeners as {@code options} say. On a failure whatever was opened is closed.
   *
   * @throws VodkitException {@code CONFIGURATION} when ffmpeg is missing, a directory cannot be
   *     created or a listener cannot bind
   */
  public static EmbeddedParts open(Path dataDir, EmbeddedOptions options) {
    return openParts(dataDir, options, null, null);
  }

  /**
   * Like {@link #open(Path, EmbeddedOptions)} but on a store and view store the caller opened
   * (PostgreSQL, say). They become this object's (and then the pipeline's) once this returns; if
   * it throws, they are left open and still the caller's.
   */
  public static EmbeddedParts open(Path dataDir, EmbeddedOptions options, JdbcStore store, JdbcViewStore viewStore) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(viewStore, "viewStore");
    return openParts(dataDir, options, store, viewStore);
  }

  /** With {@code givenStore} and {@code givenViews} null: SQLite ones, opened here. */
  private static EmbeddedParts openParts(
      Path dataDir, EmbeddedOptions options, JdbcStore givenStore, JdbcViewStore givenViews) {
    Objects.requireNonNull(options, "options");
    Path dir = dataDir.toAbsolutePath().normalize();
    Path workDir = dir.resolve("work");
    try {
      Files.createDirectories(workDir);
    } catch (IOException e) {
      throw VodkitException.configuration("cannot create the data directory " + dir + ": " + e.getMessage());
    }
    FfmpegTranscoder transcoder = FfmpegTranscoder.onPath(); // before anything opens: missing ffmpeg leaks nothing
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      JdbcStore store;
      JdbcViewStore viewStore;
      if (givenStore == null) {
        Path db = options.database().orElse(dir.resolve("vodkit.db"));
        store = opening(opened, JdbcStore.sqlite(db));
        viewStore = opening(opened, JdbcViewStore.sqlite(db));
      } else {
        store = givenStore;
        viewStore = givenViews;
      }
      FsObjectStorage.Builder storageBuilder = FsObjectStorage.builder(options.storageRoot().orElse(dir.resolve("storage")));
      options.uploadsPublicUrl().ifPresent(storageBuilder::uploadsBaseUri);
      FsObjectStorage storage = opening(opened, storageBuilder.buildWithUploadServer(bindable(options.uploadsBind())));
      FsOriginServer origin = null;
      if (options.startOrigin()) {
        origin = opening(opened, FsOriginServer.start(storage, bindable(options.cdnBind())));
      }
      URI cdn = options.cdnPublicUrl()
          .orElse(origin != null ? origin.baseUri() : storage.root().resolve("objects").toUri());
      BaseUrls baseUrls = BaseUrls.of(options.apiUrl(), storage.endpoint().baseUri(), cdn);
      if (givenStore != null) { // owned from here on
        opened.add(0, viewStore);
        opened.add(0, store);
      }
      return new EmbeddedParts(storage, origin, store, viewStore, transcoder, baseUrls, workDir, opened);
    } catch (RuntimeException | Error e) {
      closeAll(opened, e);
      throw e;
    }
  }

  /**
   * Sets storage, store, transcoder, a {@link BufferedViewCounter} (default rules) over the view
   * store, HLS then DASH, the base URLs and the work directory on {@code builder}, and registers
   * the view store and the origin to be closed with the pipeline. Returns {@code builder}.
   */
  public VideoPipeline.Builder configure(VideoPipeline.Builder builder) {
    builder
        .storage(storage)
        .store(store)
        .transcoder(transcoder)
        .viewCounter(new BufferedViewCounter(viewStore, viewStore, ViewCounterConfig.defaults(), InstantSource.system()))
        .manifestWriter(new HlsManifestWriter())
        .manifestWriter(new DashManifestWriter())
        .baseUrls(baseUrls)
        .workDir(workDir)
        .closing(viewStore);
    if (origin != null) {
      builder.closing(origin);
    }
    return builder;
  }

  /** The filesystem storage (its upload listener included). */
  public FsObjectStorage storage() {
    return storage;
  }

  /** The metadata store and job queue. */
  public JdbcStore store() {
    return store;
  }

  /** The store view counts flush to. */
  public JdbcViewStore viewStore() {
    return viewStore;
  }

  /** The CDN origin, unless it was not started. */
  public Optional<FsOriginServer> origin() {
    return Optional.ofNullable(origin);
  }

  /** The api, uploads and cdn base URLs the pipeline is given. */
  public BaseUrls baseUrls() {
    return baseUrls;
  }

  /** The pipeline's scratch directory, {@code dataDir/work}. */
  public Path workDir() {
    return workDir;
  }

  /**
   * Closes every part, last opened first: only for when no pipeline was built from them (a built
   * pipeline closes them itself). A failure to close one is thrown after the others are closed.
   */
  @Override
  public void close() {
    RuntimeException failure = null;
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e instanceof RuntimeException r ? r : new IllegalStateException("closing " + opened.get(i) + " failed", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** {@link #close()} after {@code failure} (building the pipeline, say): close failures are suppressed into it. */
  public void closeAfter(Throwable failure) {
    closeAll(opened, failure);
  }

  @Override
  public String toString() {
    return "EmbeddedParts[" + storage + ", " + store + ", " + baseUrls + "]";
  }

  private static InetSocketAddress bindable(InetSocketAddress address) {
    return address.isUnresolved() ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
  }

  private static <T extends AutoCloseable> T opening(List<AutoCloseable> opened, T resource) {
    opened.add(resource);
    return resource;
  }

  private static void closeAll(List<AutoCloseable> resources, Throwable failure) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception suppressed) {
        failure.addSuppressed(suppressed);
      }
    }
  }
}
