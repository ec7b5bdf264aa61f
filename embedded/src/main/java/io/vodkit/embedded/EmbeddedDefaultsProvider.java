package io.vodkit.embedded;

import io.vodkit.BaseUrls;
import io.vodkit.VideoPipeline;
import io.vodkit.VodkitException;
import io.vodkit.dash.DashManifestWriter;
import io.vodkit.ffmpeg.FfmpegTranscoder;
import io.vodkit.hls.HlsManifestWriter;
import io.vodkit.spi.EmbeddedDefaults;
import io.vodkit.storage.fs.FsObjectStorage;
import io.vodkit.store.jdbc.JdbcStore;
import io.vodkit.store.jdbc.views.JdbcViewStore;
import io.vodkit.views.BufferedViewCounter;
import io.vodkit.views.ViewCounterConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;

/**
 * The parts behind {@code VideoPipeline.embedded(dataDir)}, found by {@link java.util.ServiceLoader}:
 *
 * <ul>
 *   <li>storage: {@link FsObjectStorage} under {@code dataDir/storage}, with its signed upload
 *       endpoint listening on an ephemeral loopback port (the "uploads" base URL);
 *   <li>store and queue: {@link JdbcStore} on SQLite at {@code dataDir/vodkit.db};
 *   <li>view counts: a {@link BufferedViewCounter} (default rules) flushing every 60 s to a
 *       {@link JdbcViewStore} in the same SQLite file;
 *   <li>transcoder: {@link FfmpegTranscoder#onPath()};
 *   <li>manifests: HLS then DASH;
 *   <li>scratch: {@code dataDir/work}.
 * </ul>
 *
 * <p>The CDN base URL is the {@code file:} URI of the storage's object tree, so manifest URLs are
 * local paths a player or {@code ffprobe} can open; serve that tree over HTTP to give players a
 * real origin. Embedded mode has no API listener: the API base URL is a placeholder.
 */
public final class EmbeddedDefaultsProvider implements EmbeddedDefaults {
  /** Public for {@link java.util.ServiceLoader}. */
  public EmbeddedDefaultsProvider() {}

  @Override
  public VideoPipeline.Builder configure(VideoPipeline.Builder builder, Path dataDir) {
    Path dir = dataDir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir.resolve("work"));
    } catch (IOException e) {
      throw VodkitException.configuration("cannot create the data directory " + dir + ": " + e.getMessage());
    }
    FfmpegTranscoder transcoder = FfmpegTranscoder.onPath();
    JdbcStore store = JdbcStore.sqlite(dir.resolve("vodkit.db"));
    FsObjectStorage storage;
    JdbcViewStore viewStore;
    try {
      storage = FsObjectStorage.withUploadServer(dir.resolve("storage"), new InetSocketAddress("127.0.0.1", 0));
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    try {
      viewStore = JdbcViewStore.sqlite(dir.resolve("vodkit.db"));
    } catch (RuntimeException e) {
      storage.close();
      store.close();
      throw e;
    }
    URI cdn = storage.root().resolve("objects").toUri();
    return builder
        .storage(storage)
        .store(store)
        .transcoder(transcoder)
        .viewCounter(
            new BufferedViewCounter(
                viewStore, viewStore, ViewCounterConfig.defaults(), InstantSource.system()))
        .closing(viewStore)
        .manifestWriter(new HlsManifestWriter())
        .manifestWriter(new DashManifestWriter())
        .baseUrls(BaseUrls.of(URI.create("http://localhost/"), storage.endpoint().baseUri(), cdn))
        .workDir(dir.resolve("work"));
  }
}
