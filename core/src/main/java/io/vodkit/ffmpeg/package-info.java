/**
 * The ffmpeg-based {@link io.vodkit.spi.Transcoder}: {@link io.vodkit.ffmpeg.FfmpegTranscoder},
 * and the {@link io.vodkit.ffmpeg.Thumbnails} it writes.
 *
 * <p>Inside: {@code InputGuards} (the options every run reading a source gets: protocol and
 * demuxer whitelists, probe and allocation caps), {@code FfprobeRunner} (ffprobe through
 * ffmpeg-cli-wrapper, with a kill timeout), {@code FfprobeProber} + {@code ProbeRules} + {@code
 * DurationCheck} (what a source must be to be accepted), {@code VideoFacts} and {@code
 * SdrConversion} (pixel format, colour, HDR tone mapping), {@code LadderCommand} (the single
 * ffmpeg command for a ladder), {@code ThumbnailCommand}, {@code Storyboard} and {@code
 * ThumbnailFiles} (poster and storyboard), {@code FfmpegRun} (running a command: progress,
 * cancellation, error classification), {@code SegmentMeasurer} and {@code Mp4Codecs} (measuring
 * what was produced). Design notes and measurements: {@code src-docs/transcoding.md}.
 */
package io.vodkit.ffmpeg;
