package io.vodkit;

import java.net.URI;
import java.util.Objects;

/**
 * The three traffic types get three base URLs: the API (JSON only), uploads (signed PUTs) and the
 * CDN (manifests, segments, thumbnails). Media bytes never go through the API.
 *
 * @param api base of the REST API
 * @param uploads base of the upload endpoint
 * @param cdn base under which {@code videos/{id}/manifest.m3u8} is served
 */
public record BaseUrls(URI api, URI uploads, URI cdn) {
  public BaseUrls {
    api = withSlash(Objects.requireNonNull(api, "api"));
    uploads = withSlash(Objects.requireNonNull(uploads, "uploads"));
    cdn = withSlash(Objects.requireNonNull(cdn, "cdn"));
  }

  public static BaseUrls of(URI api, URI uploads, URI cdn) {
    return new BaseUrls(api, uploads, cdn);
  }

  /** The CDN URL of an object key. */
  public URI cdnUrl(String key) {
    return cdn.resolve(key);
  }

  private static URI withSlash(URI uri) {
    String s = uri.toString();
    return s.endsWith("/") ? uri : URI.create(s + "/");
  }
}
