package io.vodkit.spi;

import io.vodkit.MediaRejectedException;
import java.nio.file.Path;
import java.util.List;

/**
 * Probes sources and encodes a ladder into CMAF renditions.
 *
 * <p>Cancellation: interrupting the thread inside {@link #transcode} stops the encoder (the
 * ffmpeg process is killed) and the call throws a {@code CANCELLED} error. Thread-safe.
 *
 * <p>Default implementation: {@code io.vodkit.ffmpeg.FfmpegTranscoder}.
 */
public interface Transcoder {
  /** File name of the poster among {@link #thumbnailFiles}. */
  String POSTER = "thumb.jpg";

  /** How many leading bytes of a completed upload {@link #screen} is given (fewer if it is shorter). */
  int SCREEN_BYTES = 64 * 1024;

  /**
   * A quick look at the first bytes of a completed upload, before any job is queued: throws {@link
   * MediaRejectedException} when they show the file cannot be a source this transcoder accepts (a
   * text file, an image, a playlist), so the uploader hears at once. Must never reject a file
   * {@link #probe} would accept. The default accepts everything.
   */
  default void screen(byte[] firstBytes) {}

  /**
   * Inspects the source. Throws {@link MediaRejectedException} for anything that is not a video
   * we accept (text, truncated files, playlists or other containers that reference other files).
   */
  MediaInfo probe(Path source);

  /**
   * Encodes every rung (and the audio, when present) into {@code request.outputDir()/<name>/} as
   * {@code init.mp4} + {@code seg_00000.m4s}…, keyframe-aligned on segment boundaries, and returns
   * what was produced, measured from the files. Video renditions come first, lowest first.
   */
  List<PackagedRendition> transcode(TranscodeRequest request, ProgressListener progress);

  /**
   * Like {@link #transcode}, but a rung that fails on its own (its encoder errors, its output is
   * broken) does not fail the others: the result lists what was produced and what failed. Throws,
   * as {@link #transcode} does, when no video rung can be produced, when the audio fails, when the
   * source itself is rejected, and on cancellation. The default produces everything or throws.
   */
  default TranscodeResult transcodeAllowingPartial(TranscodeRequest request, ProgressListener progress) {
    return TranscodeResult.complete(transcode(request, progress));
  }

  /**
   * Writes a poster and scrubbing thumbnails of the source into {@code outDir} and returns the
   * files to publish next to the manifests, by file name: the poster first, named {@value
   * #POSTER}, then e.g. a WebVTT storyboard and the sprite sheets it names relative to itself.
   * Blocks; interrupting the thread stops it with {@code CANCELLED}. The default writes nothing
   * and returns an empty list.
   */
  default List<Path> thumbnailFiles(Path source, MediaInfo media, Path outDir) {
    return List.of();
  }

  /** Receives encoding progress, on the thread that called {@link #transcode}; keep it fast. */
  @FunctionalInterface
  interface ProgressListener {
    ProgressListener NONE = fraction -> {};

    /** {@code fraction} of the source encoded so far, 0..1. */
    void onProgress(double fraction);
  }
}
