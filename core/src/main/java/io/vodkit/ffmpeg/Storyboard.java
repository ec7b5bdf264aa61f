package io.vodkit.ffmpeg;

import io.vodkit.spi.MediaInfo;
import java.util.Locale;

/**
 * The layout of a scrubbing storyboard: one tile every {@code intervalSeconds} (2 s, longer for
 * videos over {@value #MAX_TILES} tiles), {@value #TILE_LONG_SIDE} px on the tile's long side
 * (160×90 for 16:9, 90×160 portrait), at most {@value #MAX_COLUMNS}×{@value #MAX_COLUMNS} tiles
 * per sprite sheet, and the WebVTT file that maps each interval to its tile with a {@code
 * #xywh=x,y,w,h} fragment.
 *
 * <p>Pure and immutable; {@link ThumbnailCommand} makes ffmpeg produce exactly {@link #tiles()}
 * tiles in this layout.
 *
 * @param tiles number of tiles, at least 1
 * @param intervalSeconds seconds of video per tile
 * @param durationSeconds duration of the video (the end of the last cue)
 * @param tileWidth pixels, even
 * @param tileHeight pixels, even
 * @param columns tiles per sheet row
 * @param rows tile rows per sheet
 */
record Storyboard(
    int tiles, double intervalSeconds, double durationSeconds, int tileWidth, int tileHeight, int columns, int rows) {
  /** Seconds between tiles for videos up to {@value #MAX_TILES} × that long. */
  static final double DEFAULT_INTERVAL_SECONDS = 2;
  /** Most tiles for one video; longer videos get a longer interval. */
  static final int MAX_TILES = 1000;
  /** The tile's long side in pixels. */
  static final int TILE_LONG_SIDE = 160;
  /** Most columns (and rows) of a sprite sheet. */
  static final int MAX_COLUMNS = 10;
  /** Sprite sheet file names, numbered from 0 (an ffmpeg image2 pattern). */
  static final String SHEET_PATTERN = "storyboard_%03d.jpg";
  /** The WebVTT file name. */
  static final String VTT = "storyboard.vtt";

  /** The layout for a video. */
  static Storyboard plan(MediaInfo media) {
    double duration = Math.max(0.001, media.durationSeconds());
    double interval = Math.max(DEFAULT_INTERVAL_SECONDS, Math.ceil(duration / MAX_TILES));
    int tiles = (int) Math.max(1, Math.min(MAX_TILES, Math.ceil(duration / interval)));
    double aspect = (double) media.width() / media.height();
    int w = aspect >= 1 ? TILE_LONG_SIDE : even(TILE_LONG_SIDE * aspect);
    int h = aspect >= 1 ? even(TILE_LONG_SIDE / aspect) : TILE_LONG_SIDE;
    int columns = Math.min(MAX_COLUMNS, tiles);
    int rows = Math.min(MAX_COLUMNS, (tiles + columns - 1) / columns);
    return new Storyboard(tiles, interval, duration, w, h, columns, rows);
  }

  /** Tiles per sprite sheet. */
  int tilesPerSheet() {
    return columns * rows;
  }

  /** Number of sprite sheets. */
  int sheets() {
    return (tiles + tilesPerSheet() - 1) / tilesPerSheet();
  }

  /** File name of sheet {@code n}, e.g. {@code storyboard_000.jpg}. */
  static String sheetName(int n) {
    return String.format(Locale.ROOT, SHEET_PATTERN, n);
  }

  /**
   * The WebVTT text: one cue per tile, {@code [i × interval, min((i + 1) × interval, duration))},
   * whose payload is {@code storyboard_NNN.jpg#xywh=x,y,w,h}, the sheet named relative to the
   * VTT file.
   */
  String vtt() {
    StringBuilder s = new StringBuilder("WEBVTT\n");
    for (int i = 0; i < tiles; i++) {
      double start = i * intervalSeconds;
      double end = Math.min((i + 1) * intervalSeconds, durationSeconds);
      if (end <= start) {
        end = start + 0.001;
      }
      int inSheet = i % tilesPerSheet();
      int x = (inSheet % columns) * tileWidth;
      int y = (inSheet / columns) * tileHeight;
      s.append('\n')
          .append(timestamp(start)).append(" --> ").append(timestamp(end)).append('\n')
          .append(sheetName(i / tilesPerSheet()))
          .append("#xywh=").append(x).append(',').append(y).append(',').append(tileWidth).append(',').append(tileHeight)
          .append('\n');
    }
    return s.toString();
  }

  /** {@code HH:MM:SS.mmm}. */
  static String timestamp(double seconds) {
    long ms = Math.round(seconds * 1000);
    return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
  }

  private static int even(double v) {
    int i = (int) Math.round(v);
    return Math.max(2, i - (i % 2));
  }
}
