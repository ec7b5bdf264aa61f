package io.vodkit.embedded;

import io.vodkit.BaseUrls;
import io.vodkit.VideoPipeline;
import io.vodkit.VodkitException;
import io.vodkit.dash.DashManifestWriter;
import io.vodkit.ffmpeg.FfmpegTranscoder;
import io.vodkit.hls.HlsManifestWriter;
import io.vodkit.spi.EmbeddedDefaults;
import io.vodkit.storage.fs.FsObjectStorage;
import io.vodkit.storage.fs.FsOriginServer;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parts behind {@code VideoPipeline.embedded(dataDir)}, found by {@link java.util.ServiceLoader}:
 *
 * <ul>
 *   <li>storage: {@link FsObjectStorage} under {@code dataDir/storage}, with its signed upload
 *       endpoint listening on an ephemeral loopback port (the "uploads" base URL);
 *   <li>CDN: an {@link FsOriginServer} over that storage on another ephemeral loopback port, so
 *       {@code manifestUrl(id)} is an {@code http://127.0.0.1:<port>/videos/…} URL a player can
 *       open; closed with the pipeline;
 *   <li>store and queue: {@link JdbcStore} on SQLite at {@code dataDir/vodkit.db};
 *   <li>view counts: a {@link BufferedViewCounter} (default rules) flushing every 60 s to a
 *       {@link JdbcViewStore} in the same SQLite file;
 *   <li>transcoder: {@link FfmpegTranscoder#onPath()};
 *   <li>manifests: HLS then DASH;
 *   <li>scratch: {@code dataDir/work}.
 * </ul>
 *
 * <p>With the system property {@value #ORIGIN_PROPERTY}{@code =off} no origin is started and the
 * CDN base URL is the {@code file:} URI of the storage's object tree instead (manifest URLs are
 * then local paths; manifests reference everything relatively, so ffprobe or a player reading
 * files plays them). Embedded mode has no API listener: the API base URL is a placeholder.
 */
public final class EmbeddedDefaultsProvider implements EmbeddedDefaults {
  /** System property: {@code on} (the default) starts the origin, {@code off} does not. */
  public static final String ORIGIN_PROPERTY = "vodkit.embedded.origin";

  /** Public for {@link java.util.ServiceLoader}. */
  public EmbeddedDefaultsProvider() {}

  @Override
  public VideoPipeline.Builder configure(VideoPipeline.Builder builder, Path dataDir) {
    Path dir = dataDir.toAbsolutePath().normalize();
    boolean origin = originWanted(System.getProperty(ORIGIN_PROPERTY));
    try {
      Files.createDirectories(dir.resolve("work"));
    } catch (IOException e) {
      throw VodkitException.configuration("cannot create the data directory " + dir + ": " + e.getMessage());
    }
    FfmpegTranscoder transcoder = FfmpegTranscoder.onPath();
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      JdbcStore store = opening(opened, JdbcStore.sqlite(dir.resolve("vodkit.db")));
      InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
      FsObjectStorage storage = opening(opened, FsObjectStorage.withUploadServer(dir.resolve("storage"), loopback));
      URI cdn = storage.root().resolve("objects").toUri();
      if (origin) {
        FsOriginServer server = opening(opened, FsOriginServer.start(storage, loopback));
        builder.closing(server);
        cdn = server.baseUri();
      }
      JdbcViewStore viewStore = opening(opened, JdbcViewStore.sqlite(dir.resolve("vodkit.db")));
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
    } catch (RuntimeException e) {
      for (int i = opened.size() - 1; i >= 0; i--) {
        try {
          opened.get(i).close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /** Reads {@value #ORIGIN_PROPERTY}: absent or {@code on} is true, {@code off} false. */
  static boolean originWanted(String value) {
    if (value == null) {
      return true;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "on", "" -> true;
      case "off" -> false;
      default -> throw VodkitException.configuration(
          ORIGIN_PROPERTY + " must be on or off, not '" + value + "'");
    };
  }

  private static <T extends AutoCloseable> T opening(List<AutoCloseable> opened, T resource) {
    opened.add(resource);
    return resource;
  }
}
