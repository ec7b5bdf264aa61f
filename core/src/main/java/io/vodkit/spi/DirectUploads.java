package io.vodkit.spi;

import io.vodkit.CompletedPart;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Presigned, resumable uploads straight into {@link ObjectStorage}, the S3 multipart model: the
 * API creates an upload, hands out signed part URLs, the client PUTs parts (each answered with its
 * MD5 ETag), and completion assembles the parts atomically under the final key.
 *
 * <p>Nothing is visible under the key until {@link #complete} succeeds. A wrong or missing ETag
 * fails completion with {@code UPLOAD_VERIFICATION_FAILED} naming the part, and keeps every
 * stored part so the client can resend only what is wrong.
 */
public interface DirectUploads {
  /** Starts a multipart upload for {@code key}; returns the upload id. */
  String create(String key, ObjectMetadata metadata);

  /**
   * A URL the client PUTs part {@code partNumber} to, valid until {@code expiresAt}. Where the
   * backend can enforce it, the URL only accepts exactly {@code sizeBytes} bytes.
   */
  URI presignPart(String key, String uploadId, int partNumber, long sizeBytes, Instant expiresAt);

  /** A URL for a single PUT of the whole object (small files), valid until {@code expiresAt}. */
  URI presignPut(String key, long sizeBytes, Instant expiresAt);

  /** The parts stored so far, by part number (what a resuming client skips). */
  List<PartInfo> listParts(String key, String uploadId);

  /**
   * Verifies every (partNumber, ETag) against the stored parts, then assembles them in order,
   * atomically, under {@code key}. On success the upload's parts are gone.
   */
  ObjectInfo complete(String key, String uploadId, List<CompletedPart> parts);

  /** Discards the upload and its parts; aborting an unknown upload is not an error. */
  void abort(String key, String uploadId);
}
