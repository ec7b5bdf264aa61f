package io.vodkit.spi;

/**
 * A part the storage already holds for a multipart upload (what a resuming client skips).
 *
 * @param partNumber 1-based
 * @param sizeBytes bytes stored
 * @param etag MD5 hex of the part, without quotes
 */
public record PartInfo(int partNumber, long sizeBytes, String etag) {}
