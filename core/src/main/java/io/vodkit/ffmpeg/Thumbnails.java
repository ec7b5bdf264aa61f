package io.vodkit.ffmpeg;

import io.vodkit.spi.Transcoder;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link FfmpegTranscoder#thumbnails} wrote into its output directory: a poster and a
 * scrubbing storyboard.
 *
 * <p>Suggested object layout (the VTT names the sheets relative to itself, so they must sit in
 * the same folder): {@code videos/{id}/thumb.jpg}, {@code videos/{id}/storyboard.vtt}, {@code
 * videos/{id}/storyboard_000.jpg}…, with {@code image/jpeg} / {@code text/vtt} content types.
 *
 * <p>Immutable. The caller owns the files and the directory.
 *
 * @param poster {@code thumb.jpg}: a representative frame (the most detailed of the candidates at
 *     10 %, 25 % and 50 % of the duration, each the {@code thumbnail} filter's pick of 12 frames;
 *     so not a black first frame), at most 1280×720 (720×1280 portrait), display aspect
 * @param storyboard {@code storyboard.vtt}: WebVTT cues whose payloads are {@code
 *     storyboard_NNN.jpg#xywh=x,y,w,h}
 * @param sprites the sprite sheets {@code storyboard_000.jpg}…, in order
 * @param tileWidth storyboard tile width in pixels (160 for landscape)
 * @param tileHeight storyboard tile height in pixels (90 for 16:9)
 * @param columns tiles per sheet row
 * @param rows tile rows per sheet
 * @param tiles tiles in all (one per interval)
 * @param intervalSeconds seconds of video per tile (2, longer for videos over 2000 s)
 */
public record Thumbnails(
    Path poster,
    Path storyboard,
    List<Path> sprites,
    int tileWidth,
    int tileHeight,
    int columns,
    int rows,
    int tiles,
    double intervalSeconds) {
  /** The poster's file name. */
  public static final String POSTER = Transcoder.POSTER;

  public Thumbnails {
    Objects.requireNonNull(poster, "poster");
    Objects.requireNonNull(storyboard, "storyboard");
    sprites = List.copyOf(sprites);
  }

  /** Every file written, poster first: what to upload. */
  public List<Path> files() {
    List<Path> all = new java.util.ArrayList<>();
    all.add(poster);
    all.add(storyboard);
    all.addAll(sprites);
    return List.copyOf(all);
  }
}
