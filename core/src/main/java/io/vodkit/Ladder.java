package io.vodkit;

import io.vodkit.spi.MediaInfo;
import io.vodkit.spi.RungSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The rendition ladder and its planning rules, a pure function of the probed {@link MediaInfo}:
 *
 * <ul>
 *   <li><b>Never upscale.</b> A rung is produced only where the source's short side is at least
 *       the rung's; portrait sources are planned by their short side too, and a source below the
 *       lowest rung gets one rung at its own size (e.g. {@code 240p}).
 *   <li><b>Display geometry.</b> {@code MediaInfo} sizes are display sizes (rotation and sample
 *       aspect ratio applied), so rungs keep the picture's real shape; sizes are rounded down to
 *       even numbers and never exceed the source on either side.
 *   <li><b>Bitrate follows area.</b> A rung's bitrate is given for a 16:9 frame; other shapes get
 *       it scaled by their pixel count (a 1080×1080 square gets 56 % of the 1080p bitrate), within
 *       {@value #MIN_AREA_SCALE}×…{@value #MAX_AREA_SCALE}×, never below {@value #MIN_KBPS} kbps.
 *   <li><b>Per-title cap.</b> No rung spends more than {@link #headroom(String)} times the
 *       source's own video bitrate: the top rung is capped there, and a lower rung that would need
 *       at least as many bits as the capped top rung is skipped ({@link
 *       LadderPlan.Reason#NO_BITRATE_GAIN}). Unknown source bitrate: no cap.
 * </ul>
 *
 * <p>Immutable and thread-safe. Example: {@code Ladder.DEFAULT.withRung(new Ladder.Rung("4K",
 * 2160, "h264", "high", 30000))} encodes the 4K rung in H.264 instead of H.265.
 *
 * @param rungs rung templates, lowest first (sorted by the constructor)
 */
public record Ladder(List<Rung> rungs) {
  /** The spec's ladder: 360p/720p/1080p H.264 and 4K H.265 ({@code hvc1}). */
  public static final Ladder DEFAULT =
      new Ladder(
          List.of(
              new Rung("360p", 360, "h264", "baseline", 400),
              new Rung("720p", 720, "h264", "main", 2500),
              new Rung("1080p", 1080, "h264", "high", 5000),
              new Rung("4K", 2160, "h265", "main", 18000)));

  /** No rung is planned below this bitrate. */
  public static final int MIN_KBPS = 100;
  /** Smallest factor applied to a rung's bitrate for frames smaller than 16:9 of its height. */
  public static final double MIN_AREA_SCALE = 0.25;
  /** Largest factor applied to a rung's bitrate for frames wider than 16:9 of its height. */
  public static final double MAX_AREA_SCALE = 2.0;
  /** How many times an H.264 (or older codec) source's video bitrate a rung may spend. */
  public static final double SOURCE_HEADROOM = 1.5;
  /** The same for sources in HEVC, VP9 or AV1, which need fewer bits than our H.264 for a picture. */
  public static final double EFFICIENT_SOURCE_HEADROOM = 2.0;
  /** Bits of the source's overall bitrate assumed to be audio when it has audio. */
  public static final int AUDIO_ALLOWANCE_KBPS = 128;

  private static final double REFERENCE_ASPECT = 16.0 / 9.0;
  private static final Set<String> EFFICIENT_CODECS = Set.of("hevc", "h265", "vp9", "av1");

  /**
   * One rung template.
   *
   * @param name rendition name, e.g. {@code 720p}
   * @param shortSide pixels on the short side, e.g. 720
   * @param codec {@code h264} or {@code h265}
   * @param profile encoder profile
   * @param bitrateKbps target bitrate for a 16:9 frame of this size
   */
  public record Rung(String name, int shortSide, String codec, String profile, int bitrateKbps) {
    public Rung {
      Objects.requireNonNull(name, "name");
      if (!name.matches("[A-Za-z0-9_-]{1,32}") || name.equals("audio")) {
        throw new IllegalArgumentException("rung name must be a safe folder name other than 'audio': " + name);
      }
      if (shortSide < 2 || bitrateKbps < 1) {
        throw new IllegalArgumentException("rung " + name + ": shortSide and bitrate must be positive");
      }
      Objects.requireNonNull(codec, "codec");
      Objects.requireNonNull(profile, "profile");
    }
  }

  public Ladder {
    rungs = rungs.stream().sorted(Comparator.comparingInt(Rung::shortSide)).toList();
    if (rungs.isEmpty()) {
      throw new IllegalArgumentException("a ladder needs at least one rung");
    }
    if (rungs.stream().map(Rung::name).distinct().count() != rungs.size()) {
      throw new IllegalArgumentException("rung names must be unique: " + rungs);
    }
  }

  /** This ladder with {@code rung} replacing the rung of the same name, or added to it. */
  public Ladder withRung(Rung rung) {
    List<Rung> out = new ArrayList<>(rungs.stream().filter(r -> !r.name().equals(rung.name())).toList());
    out.add(rung);
    return new Ladder(out);
  }

  /** The rungs to encode for a source, lowest first: {@code planWithReasons(media).rungs()}. */
  public List<RungSpec> plan(MediaInfo media) {
    return planWithReasons(media).rungs();
  }

  /**
   * The rungs to encode for a source, lowest first, and the ladder rungs left out with why.
   *
   * @throws MediaRejectedException when the picture is smaller than 2×2
   */
  public LadderPlan planWithReasons(MediaInfo media) {
    int shortSide = media.shortSide();
    if (shortSide < 2) {
      throw VodkitException.mediaRejected("video is too small to encode: " + media.width() + "x" + media.height());
    }
    List<RungSpec> fitting = new ArrayList<>();
    List<LadderPlan.SkippedRung> skipped = new ArrayList<>();
    for (Rung rung : rungs) {
      if (rung.shortSide() <= shortSide) {
        fitting.add(spec(rung.name(), rung, rung.shortSide(), media));
      } else {
        skipped.add(
            new LadderPlan.SkippedRung(
                rung.name(), LadderPlan.Reason.WOULD_UPSCALE,
                String.format(
                    Locale.ROOT, "the source is %dx%d; a %d px short side would upscale its %d px",
                    media.width(), media.height(), rung.shortSide(), shortSide)));
      }
    }
    if (fitting.isEmpty()) {
      Rung lowest = rungs.get(0);
      int own = even(shortSide);
      fitting.add(spec(own + "p", lowest, own, media));
    }
    return capToSource(fitting, skipped, media);
  }

  /**
   * The per-title cap: the top rung spends at most {@code headroom × source video bitrate}; lower
   * rungs that would need as much as the capped top rung are skipped.
   */
  private LadderPlan capToSource(List<RungSpec> fitting, List<LadderPlan.SkippedRung> skipped, MediaInfo media) {
    long sourceVideoKbps = sourceVideoKbps(media);
    RungSpec top = fitting.get(fitting.size() - 1);
    long capKbps = Math.round(sourceVideoKbps * headroom(media.videoCodec()));
    if (sourceVideoKbps <= 0 || top.bitrateKbps() <= capKbps) {
      return new LadderPlan(fitting, inLadderOrder(skipped));
    }
    int topKbps = (int) Math.max(MIN_KBPS, capKbps);
    RungSpec cappedTop =
        new RungSpec(top.name(), top.width(), top.height(), top.codec(), top.profile(), topKbps);
    List<RungSpec> kept = new ArrayList<>();
    for (RungSpec r : fitting.subList(0, fitting.size() - 1)) {
      if (r.bitrateKbps() < topKbps) {
        kept.add(r);
      } else {
        skipped.add(
            new LadderPlan.SkippedRung(
                r.name(), LadderPlan.Reason.NO_BITRATE_GAIN,
                String.format(
                    Locale.ROOT, "needs %d kbps; the %s rung already gets %d kbps, %.1fx the source's ~%d kbps of video",
                    r.bitrateKbps(), top.name(), topKbps, headroom(media.videoCodec()), sourceVideoKbps)));
      }
    }
    kept.add(cappedTop);
    return new LadderPlan(kept, inLadderOrder(skipped));
  }

  /**
   * How many times the source's video bitrate a rung may spend: {@value #EFFICIENT_SOURCE_HEADROOM}
   * for HEVC, VP9 and AV1 sources, {@value #SOURCE_HEADROOM} for the rest.
   */
  public static double headroom(String sourceCodec) {
    String codec = sourceCodec == null ? "" : sourceCodec.toLowerCase(Locale.ROOT);
    return EFFICIENT_CODECS.contains(codec) ? EFFICIENT_SOURCE_HEADROOM : SOURCE_HEADROOM;
  }

  /** The source's overall bitrate less an audio allowance (at most half); 0 when unknown. */
  static long sourceVideoKbps(MediaInfo media) {
    long total = media.bitrateBps() / 1000;
    if (total <= 0) {
      return 0;
    }
    return media.hasAudio() ? Math.max(total / 2, total - AUDIO_ALLOWANCE_KBPS) : total;
  }

  private List<LadderPlan.SkippedRung> inLadderOrder(List<LadderPlan.SkippedRung> skipped) {
    List<String> order = rungs.stream().map(Rung::name).toList();
    return skipped.stream().sorted(Comparator.comparingInt(s -> order.indexOf(s.name()))).toList();
  }

  private static RungSpec spec(String name, Rung rung, int shortSide, MediaInfo media) {
    boolean portrait = media.height() > media.width();
    double aspect = (double) Math.max(media.width(), media.height()) / media.shortSide();
    int s = even(shortSide);
    int l = Math.max(s, even((int) Math.round(s * aspect)));
    double area = (double) s * l / (rung.shortSide() * (rung.shortSide() * REFERENCE_ASPECT));
    double scale = Math.min(MAX_AREA_SCALE, Math.max(MIN_AREA_SCALE, area));
    int kbps = (int) Math.max(MIN_KBPS, Math.round(rung.bitrateKbps() * scale));
    return portrait
        ? new RungSpec(name, s, l, rung.codec(), rung.profile(), kbps)
        : new RungSpec(name, l, s, rung.codec(), rung.profile(), kbps);
  }

  private static int even(int v) {
    return Math.max(2, v - (v % 2));
  }
}
