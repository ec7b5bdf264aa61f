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

  /** Receives encoding progress, on the thread that called {@link #transcode}; keep it fast. */
  @FunctionalInterface
  interface ProgressListener {
    ProgressListener NONE = fraction -> {};

    /** {@code fraction} of the source encoded so far, 0..1. */
    void onProgress(double fraction);
  }
}
