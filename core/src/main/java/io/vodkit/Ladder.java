package io.vodkit;

import io.vodkit.spi.MediaInfo;
import io.vodkit.spi.RungSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The rendition ladder and its planning rule: a rung is produced only where the source's short
 * side is at least the rung's (never upscale; portrait sources use their short side too), output
 * sizes keep the source's aspect ratio and are even, and a source below the lowest rung gets one
 * rung at its own size.
 *
 * @param rungs rung templates, lowest first
 */
public record Ladder(List<Rung> rungs) {
  /** The spec's ladder: 360p/720p/1080p H.264 and 4K H.265. */
  public static final Ladder DEFAULT =
      new Ladder(
          List.of(
              new Rung("360p", 360, "h264", "baseline", 400),
              new Rung("720p", 720, "h264", "main", 2500),
              new Rung("1080p", 1080, "h264", "high", 5000),
              new Rung("4K", 2160, "h265", "main", 18000)));

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
      if (!name.matches("[A-Za-z0-9_-]{1,32}")) {
        throw new IllegalArgumentException("rung name must be a safe folder name: " + name);
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
  }

  /** The rungs to produce for a source, lowest first. */
  public List<RungSpec> plan(MediaInfo media) {
    int shortSide = media.shortSide();
    if (shortSide < 2 || media.width() < 2 || media.height() < 2) {
      throw VodkitException.mediaRejected(
          "video is too small to encode: " + media.width() + "x" + media.height());
    }
    boolean portrait = media.height() > media.width();
    double aspect = (double) Math.max(media.width(), media.height()) / shortSide;
    List<RungSpec> out = new ArrayList<>();
    for (Rung rung : rungs) {
      if (rung.shortSide() <= shortSide) {
        out.add(spec(rung.name(), rung, rung.shortSide(), aspect, portrait, rung.bitrateKbps()));
      }
    }
    if (out.isEmpty()) {
      Rung lowest = rungs.get(0);
      int own = even(shortSide);
      double pixelShare = (double) own * own / ((double) lowest.shortSide() * lowest.shortSide());
      int kbps = Math.max(100, (int) Math.round(lowest.bitrateKbps() * pixelShare));
      out.add(spec(own + "p", lowest, own, aspect, portrait, kbps));
    }
    return out;
  }

  private static RungSpec spec(
      String name, Rung rung, int shortSide, double aspect, boolean portrait, int kbps) {
    int s = even(shortSide);
    int l = Math.max(s, even((int) Math.round(s * aspect)));
    return portrait
        ? new RungSpec(name, s, l, rung.codec(), rung.profile(), kbps)
        : new RungSpec(name, l, s, rung.codec(), rung.profile(), kbps);
  }

  private static int even(int v) {
    return Math.max(2, v - (v % 2));
  }
}
