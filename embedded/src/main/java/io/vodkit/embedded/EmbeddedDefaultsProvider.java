package io.vodkit.embedded;

import io.vodkit.VideoPipeline;
import io.vodkit.VodkitException;
import io.vodkit.spi.EmbeddedDefaults;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The parts behind {@code VideoPipeline.embedded(dataDir)}, found by {@link java.util.ServiceLoader}:
 *
 * <ul>
 *   <li>storage: {@link io.vodkit.storage.fs.FsObjectStorage} under {@code dataDir/storage}, with its signed upload
 *       endpoint listening on an ephemeral loopback port (the "uploads" base URL);
 *   <li>CDN: an {@link io.vodkit.storage.fs.FsOriginServer} over that storage on another ephemeral loopback port, so
 *       {@code manifestUrl(id)} is an {@code http://127.0.0.1:<port>/videos/…} URL a player can
 *       open; closed with the pipeline;
 *   <li>store and queue: {@link io.vodkit.store.jdbc.JdbcStore} on SQLite at {@code dataDir/vodkit.db};
 *   <li>view counts: a {@link io.vodkit.views.BufferedViewCounter} (default rules) flushing every 60 s to a
 *       {@link io.vodkit.store.jdbc.JdbcViewStore} in the same SQLite file;
 *   <li>transcoder: {@link io.vodkit.ffmpeg.FfmpegTranscoder#onPath()};
 *   <li>manifests: HLS then DASH;
 *   <li>scratch: {@code dataDir/work}.
 * </ul>
 *
 * <p>With the system property {@value #ORIGIN_PROPERTY}{@code =off} no origin is started and the
 * CDN base URL is the {@code file:} URI of the storage's object tree instead (manifest URLs are
 * then local paths; manifests reference everything relatively, so ffprobe or a player reading
 * files plays them). Embedded mode has no API listener: the API base URL is a placeholder.
 *
 * <p>The wiring itself is {@link EmbeddedParts}; {@link #configure(VideoPipeline.Builder, Path,
 * EmbeddedOptions)} applies it with other listeners and URLs (the reference server and the Spring
 * Boot starter do).
 */
public final class EmbeddedDefaultsProvider implements EmbeddedDefaults {
  /** System property: {@code on} (the default) starts the origin, {@code off} does not. */
  public static final String ORIGIN_PROPERTY = "vodkit.embedded.origin";

  /** Public for {@link java.util.ServiceLoader}. */
  public EmbeddedDefaultsProvider() {}

  @Override
  public VideoPipeline.Builder configure(VideoPipeline.Builder builder, Path dataDir) {
    boolean origin = originWanted(System.getProperty(ORIGIN_PROPERTY));
    return configure(builder, dataDir, EmbeddedOptions.defaults().startOrigin(origin));
  }

  /**
   * Fills {@code builder} with the embedded parts under {@code dataDir}, listening and handing out
   * URLs as {@code options} say (see {@link EmbeddedParts}); the pipeline built from it closes them.
   * Ignores {@value #ORIGIN_PROPERTY}: {@link EmbeddedOptions#startOrigin} decides.
   */
  public static VideoPipeline.Builder configure(VideoPipeline.Builder builder, Path dataDir, EmbeddedOptions options) {
    EmbeddedParts parts = EmbeddedParts.open(dataDir, options);
    try {
      return parts.configure(builder);
    } catch (RuntimeException | Error e) {
      parts.closeAfter(e);
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
}
