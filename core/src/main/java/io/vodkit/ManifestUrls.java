package io.vodkit;

import java.net.URI;

/**
 * Where players (and webhook receivers) find a video's masters on the CDN: {@code
 * <cdn>/videos/{id}/manifest.m3u8} (HLS) and {@code manifest.mpd} (DASH). One place for anything
 * that needs these URLs without a {@link VideoPipeline}.
 */
public final class ManifestUrls {
  /** File name of the HLS master under the video's prefix. */
  public static final String HLS_MASTER = "manifest.m3u8";

  /** File name of the DASH MPD under the video's prefix. */
  public static final String DASH_MASTER = "manifest.mpd";

  private ManifestUrls() {}

  /** The HLS master of {@code videoId} under {@code baseUrls}' CDN base. */
  public static URI hls(BaseUrls baseUrls, String videoId) {
    return baseUrls.cdnUrl(VideoPipeline.videoPrefix(videoId) + HLS_MASTER);
  }

  /** The DASH MPD of {@code videoId} under {@code baseUrls}' CDN base. */
  public static URI dash(BaseUrls baseUrls, String videoId) {
    return baseUrls.cdnUrl(VideoPipeline.videoPrefix(videoId) + DASH_MASTER);
  }
}
