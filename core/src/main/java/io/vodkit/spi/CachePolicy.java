package io.vodkit.spi;

/**
 * Cache-Control values from the design: segments are immutable, manifests short-lived, raw
 * uploads private. One place for each so the origin, S3 and the tests agree.
 */
public final class CachePolicy {
  /** Segments and init segments never change once written. */
  public static final String IMMUTABLE = "public, max-age=31536000, immutable";
  /** Manifests may be rewritten (e.g. when a rung is added), so edges re-check every 30 s. */
  public static final String MANIFEST = "public, max-age=30";
  /** Thumbnails and storyboards: a day. */
  public static final String THUMBNAIL = "public, max-age=86400";
  /** Raw uploads: never cached, never on the CDN. */
  public static final String PRIVATE = "private, no-store";

  private CachePolicy() {}
}
