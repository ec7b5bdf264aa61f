package io.vodkit.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * What storage knows about a stored object.
 *
 * @param key object key
 * @param sizeBytes length
 * @param etag entity tag without quotes (MD5 hex for single-part objects)
 * @param metadata content type and cache policy
 * @param lastModified last write
 */
public record ObjectInfo(
    String key, long sizeBytes, String etag, ObjectMetadata metadata, Instant lastModified) {
  public ObjectInfo {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(etag, "etag");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(lastModified, "lastModified");
  }
}
