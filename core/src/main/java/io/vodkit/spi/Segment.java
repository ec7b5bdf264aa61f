package io.vodkit.spi;

/**
 * One media segment as produced.
 *
 * @param fileName e.g. {@code seg_00000.m4s}
 * @param durationSeconds measured duration
 * @param sizeBytes file size
 */
public record Segment(String fileName, double durationSeconds, long sizeBytes) {}
