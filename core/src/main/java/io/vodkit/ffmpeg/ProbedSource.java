package io.vodkit.ffmpeg;

import io.vodkit.spi.MediaInfo;

/**
 * A source that passed the probe rules: the SPI's {@link MediaInfo} plus what only the ffmpeg
 * package needs.
 *
 * @param media what the pipeline sees
 * @param facts pixel format and colour of the video stream
 * @param startSeconds the container's start time (timestamps of the first packets)
 */
record ProbedSource(MediaInfo media, VideoFacts facts, double startSeconds) {}
