package io.vodkit;

import java.util.Objects;

/**
 * A published rendition of a ready video, as listed in {@code GET /v1/videos/:id}.
 *
 * @param quality rung name, e.g. {@code 1080p}
 * @param width pixels
 * @param height pixels
 * @param bitrateKbps the rung's target bitrate
 * @param bandwidthBps measured peak bitrate of the produced segments (HLS BANDWIDTH)
 * @param codecs RFC 6381 codecs string measured from the produced bitstream
 */
public record Rendition(
    String quality, int width, int height, int bitrateKbps, long bandwidthBps, String codecs) {
  public Rendition {
    Objects.requireNonNull(quality, "quality");
    Objects.requireNonNull(codecs, "codecs");
  }
}
