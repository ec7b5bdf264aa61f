/**
 * The ffmpeg-based {@link io.vodkit.spi.Transcoder}: {@link io.vodkit.ffmpeg.FfmpegTranscoder}.
 *
 * <p>Inside: {@code FfprobeRunner} (ffprobe through ffmpeg-cli-wrapper, with a kill timeout),
 * {@code FfprobeProber} (what a source must be to be accepted), {@code LadderCommand} (the single
 * ffmpeg command for a ladder), {@code FfmpegRun} (running it: progress, cancellation, error
 * classification), {@code SegmentMeasurer} and {@code Mp4Codecs} (measuring what was produced).
 */
package io.vodkit.ffmpeg;
