package io.vodkit.ffmpeg;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How a source's picture becomes 8-bit SDR BT.709 for H.264/H.265 rungs and thumbnails.
 *
 * <ul>
 *   <li>8-bit or 10-bit SDR in BT.709/BT.601 (or undescribed): nothing here; each rung's {@code
 *       format=yuv420p} reduces the bit depth (swscale dithers) and the colour description passes
 *       through unchanged.
 *   <li>HDR (PQ {@code smpte2084} or HLG {@code arib-std-b67}), with {@code zscale} available
 *       (Debian's ffmpeg 5.1 is built with zimg): linearise, convert the primaries to BT.709,
 *       tone-map with {@code hable} (no desaturation), back to the BT.709 transfer and matrix in
 *       limited range, 8-bit 4:2:0; the outputs are tagged BT.709.
 *   <li>BT.2020 SDR with {@code zscale}: the same gamut conversion without tone mapping.
 *   <li>Without {@code zscale}: {@code format=yuv420p} and BT.709 tags only — the picture is
 *       marked, not converted, so HDR looks washed out; a warning is logged.
 * </ul>
 *
 * @param filter filter chain to run once on the decoded source before the split; empty for none
 * @param tagBt709 whether video outputs get explicit BT.709 colour tags
 */
record SdrConversion(String filter, boolean tagBt709) {
  /** No conversion needed. */
  static final SdrConversion NONE = new SdrConversion("", false);

  /** ffprobe colour names that zscale knows by the same name and that we pass on. */
  private static final Set<String> ZSCALE_TRANSFERS = Set.of("smpte2084", "arib-std-b67", "bt709", "bt2020-10", "bt2020-12");
  private static final Set<String> ZSCALE_PRIMARIES = Set.of("bt2020", "bt709");
  private static final Set<String> ZSCALE_MATRICES = Set.of("bt2020nc", "bt2020c", "bt709");

  /** The conversion for a source; {@code zscale} says whether ffmpeg has zscale and tonemap. */
  static SdrConversion forSource(VideoFacts facts, boolean zscale) {
    if (!facts.hdr() && !facts.wideGamut()) {
      return NONE;
    }
    if (!zscale) {
      return new SdrConversion("format=yuv420p", true);
    }
    String in = inputDescription(facts);
    if (facts.hdr()) {
      return new SdrConversion(
          "zscale=" + in + "t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,"
              + "tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv,format=yuv420p",
          true);
    }
    return new SdrConversion("zscale=" + in + "p=bt709:t=bt709:m=bt709:r=tv,format=yuv420p", true);
  }

  /** Output options tagging every video stream BT.709 (limited range), when {@link #tagBt709}. */
  List<String> outputTags() {
    List<String> a = new ArrayList<>();
    if (tagBt709) {
      a.addAll(List.of("-color_primaries:v", "bt709", "-color_trc:v", "bt709", "-colorspace:v", "bt709"));
      a.addAll(List.of("-color_range:v", "tv"));
    }
    return a;
  }

  /**
   * zscale's input description from the probe, so a stream that lacks tags in its frames is
   * still converted: {@code tin=smpte2084:pin=bt2020:min=bt2020nc:}; names zscale may not know
   * fall back to the usual HDR10 values.
   */
  private static String inputDescription(VideoFacts facts) {
    String transfer = known(facts.transfer(), ZSCALE_TRANSFERS, facts.hdr() ? "smpte2084" : "bt709");
    String primaries = known(facts.primaries(), ZSCALE_PRIMARIES, "bt2020");
    String matrix = known(facts.matrix(), ZSCALE_MATRICES, "bt2020nc");
    return "tin=" + transfer + ":pin=" + primaries + ":min=" + matrix + ":";
  }

  private static String known(String value, Set<String> names, String fallback) {
    return names.contains(value) ? value : fallback;
  }
}
