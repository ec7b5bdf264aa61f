package io.vodkit.spi;

import java.util.List;

/**
 * Turns packaged renditions into manifests (HLS, DASH). The pipeline stores every {@link
 * #renditionManifests} first, confirms they and every segment are present, and only then stores
 * each writer's {@link #master}: a player gets 404 or a whole ladder, never a broken one.
 *
 * <p>Implementations: {@code HlsManifestWriter} (hls), {@code DashManifestWriter} (dash).
 * Stateless and thread-safe.
 */
public interface ManifestWriter {
  /** Per-rendition manifests (e.g. HLS media playlists); may be empty. */
  List<ManifestFile> renditionManifests(PackagedVideo video);

  /** The master manifest, e.g. {@code manifest.m3u8} or {@code manifest.mpd}. */
  ManifestFile master(PackagedVideo video);
}
