package io.vodkit.spi;

import java.util.Objects;

/**
 * Per-object HTTP metadata that storage keeps and serves with the object.
 *
 * @param contentType MIME type
 * @param cacheControl Cache-Control header value, see {@link CachePolicy}
 */
public record ObjectMetadata(String contentType, String cacheControl) {
  public ObjectMetadata {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(cacheControl, "cacheControl");
  }

  public static ObjectMetadata of(String contentType, String cacheControl) {
    return new ObjectMetadata(contentType, cacheControl);
  }
}
