package io.vodkit.spi;

import java.util.Objects;

/**
 * A manifest a {@link ManifestWriter} produced.
 *
 * @param relativePath path under {@code videos/{video_id}/}, e.g. {@code 720p/playlist.m3u8}
 * @param contentType MIME type
 * @param content bytes
 */
public record ManifestFile(String relativePath, String contentType, byte[] content) {
  public ManifestFile {
    Objects.requireNonNull(relativePath, "relativePath");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(content, "content");
  }
}
