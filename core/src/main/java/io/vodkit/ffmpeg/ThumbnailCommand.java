package io.vodkit.ffmpeg;

import io.vodkit.spi.MediaInfo;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one ffmpeg command behind {@link FfmpegTranscoder#thumbnails}: poster candidates and the
 * storyboard sprites, from four inputs of the same source, each under {@link InputGuards}.
 *
 * <ul>
 *   <li>Poster candidates {@code candidate_0.jpg}…{@code candidate_3.jpg}: input-seek to 10 %,
 *       25 % and 50 % of the duration, and to 0 (kept only as the fallback), read at most {@value
 *       #CANDIDATE_WINDOW_SECONDS} s ({@code -t}), run the {@code thumbnail} filter over {@value
 *       #THUMBNAIL_FRAMES} frames (the frame closest to their average histogram: no flash, no
 *       transition), one frame out ({@code -frames:v 1}). The caller keeps the most detailed.
 *   <li>Storyboard: the whole source (capped at the declared duration, {@code -t}), {@code fps}
 *       at one frame per interval, padded by cloning and trimmed so there are exactly {@link
 *       Storyboard#tiles()} tiles whatever the last timestamps are, scaled and laid out by {@code
 *       tile}; {@code -frames:v} caps the sheets.
 * </ul>
 *
 * <p>HDR and wide-gamut sources go through the same {@link SdrConversion} as the ladder. Outputs
 * are named relative to the output directory, which is the working directory.
 *
 * @param args the full command, binary first
 * @param workingDir the output directory
 * @param candidates candidate file names, the preferred ones (10/25/50 %) first, the 0 s one last
 * @param storyboard the storyboard layout
 */
record ThumbnailCommand(List<String> args, Path workingDir, List<String> candidates, Storyboard storyboard) {
  /** Seconds read after each candidate position. */
  static final double CANDIDATE_WINDOW_SECONDS = 5;
  /** Frames the {@code thumbnail} filter compares at each candidate position. */
  static final int THUMBNAIL_FRAMES = 12;
  /** Candidate positions, as fractions of the duration; the last is the fallback. */
  static final double[] POSITIONS = {0.10, 0.25, 0.50, 0.0};
  /** Largest poster: long side × short side. */
  static final int POSTER_LONG_SIDE = 1280;
  /** Largest poster short side. */
  static final int POSTER_SHORT_SIDE = 720;

  ThumbnailCommand {
    args = List.copyOf(args);
    candidates = List.copyOf(candidates);
  }

  /** The command for {@code source} ({@code media} as probed) writing into {@code outDir}. */
  static ThumbnailCommand build(
      Path ffmpeg, Path source, MediaInfo media, Path outDir, SourceLimits limits, SdrConversion sdr) {
    Storyboard board = Storyboard.plan(media);
    int[] poster = posterSize(media.width(), media.height());
    String sdrChain = sdr.filter().isEmpty() ? "" : sdr.filter() + ",";
    List<String> a = new ArrayList<>();
    a.add(ffmpeg.toString());
    a.addAll(List.of("-hide_banner", "-nostdin", "-nostats", "-loglevel", "warning", "-progress", "pipe:1", "-y"));
    a.addAll(InputGuards.global());
    List<String> candidates = new ArrayList<>();
    for (double position : POSITIONS) {
      a.addAll(InputGuards.input(limits));
      a.addAll(List.of("-ss", seconds(media.durationSeconds() * position), "-t", seconds(CANDIDATE_WINDOW_SECONDS)));
      a.addAll(List.of("-i", InputGuards.url(source)));
    }
    a.addAll(InputGuards.input(limits));
    a.addAll(List.of("-t", LadderCommand.outputCap(media.durationSeconds()), "-i", InputGuards.url(source)));
    for (int i = 0; i < POSITIONS.length; i++) {
      String name = "candidate_" + i + ".jpg";
      candidates.add(name);
      a.addAll(List.of("-map", i + ":V:0", "-an", "-sn", "-dn"));
      a.addAll(List.of(
          "-filter:v", "thumbnail=n=" + THUMBNAIL_FRAMES + "," + sdrChain
              + "scale=" + poster[0] + ":" + poster[1] + ",setsar=1",
          "-frames:v", "1", "-q:v", "3", "-update", "1", name));
    }
    a.addAll(List.of("-map", POSITIONS.length + ":V:0", "-an", "-sn", "-dn"));
    a.addAll(List.of(
        "-filter:v", storyboardFilter(board, sdrChain),
        "-frames:v", Integer.toString(board.sheets()), "-q:v", "5", "-start_number", "0", Storyboard.SHEET_PATTERN));
    return new ThumbnailCommand(a, outDir, candidates, board);
  }

  /**
   * {@code fps=1/I:eof_action=pass,tpad=stop_mode=clone:stop=2,trim=end_frame=N,[sdr,]
   * scale=W:H,setsar=1,tile=CxR}.
   */
  static String storyboardFilter(Storyboard b, String sdrChain) {
    return "fps=1/" + seconds(b.intervalSeconds()) + ":eof_action=pass"
        + ",tpad=stop_mode=clone:stop=2,trim=end_frame=" + b.tiles() + ","
        + sdrChain
        + "scale=" + b.tileWidth() + ":" + b.tileHeight() + ",setsar=1"
        + ",tile=" + b.columns() + "x" + b.rows();
  }

  /** The poster size: the display size shrunk to fit 1280×720 (720×1280 portrait), even. */
  static int[] posterSize(int width, int height) {
    boolean portrait = height > width;
    int longSide = Math.max(width, height);
    int shortSide = Math.min(width, height);
    double scale = Math.min(1.0, Math.min((double) POSTER_LONG_SIDE / longSide, (double) POSTER_SHORT_SIDE / shortSide));
    int l = even(longSide * scale);
    int s = even(shortSide * scale);
    return portrait ? new int[] {s, l} : new int[] {l, s};
  }

  private static int even(double v) {
    int i = (int) Math.floor(v + 1e-9);
    return Math.max(2, i - (i % 2));
  }

  private static String seconds(double s) {
    return BigDecimal.valueOf(Math.round(Math.max(0, s) * 1000), 3).stripTrailingZeros().toPlainString();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "ThumbnailCommand[%s]", String.join(" ", args));
  }
}
