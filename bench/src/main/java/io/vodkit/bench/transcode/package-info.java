/**
 * Transcoding benchmarks: {@link io.vodkit.bench.transcode.LadderBench} compares the ladder
 * encode of {@code FfmpegTranscoder} with hand-written ffmpeg commands run in the same process,
 * on the same machine, at the same moment, and reports ratios.
 */
package io.vodkit.bench.transcode;
