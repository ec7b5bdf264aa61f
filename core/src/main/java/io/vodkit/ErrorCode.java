package io.vodkit;

/**
 * Stable, machine-readable error codes carried by every {@link VodkitException}.
 *
 * <p>The wire name ({@link #wireName()}) is what an HTTP layer puts in {@code error.code}; the
 * suggested HTTP status is a hint for such a layer and not used by the library itself.
 */
public enum ErrorCode {
  /** The video, job or object does not exist (or is not visible to the caller). */
  NOT_FOUND(404),
  /** A request field is missing or malformed; {@link VodkitException#field()} names it. */
  INVALID_REQUEST(400),
  /** The operation is illegal in the resource's current state. */
  CONFLICT(409),
  /** An uploaded part is missing, has the wrong ETag or the wrong size. */
  UPLOAD_VERIFICATION_FAILED(422),
  /** The upload session expired before it was completed. */
  UPLOAD_EXPIRED(410),
  /** A signed URL's signature does not match. */
  SIGNATURE_INVALID(403),
  /** A signed URL is past its expiry. */
  SIGNATURE_EXPIRED(403),
  /** The request body is larger than allowed. */
  PAYLOAD_TOO_LARGE(413),
  /** The source is not a video we accept (what ffprobe said is in the message). Never retried. */
  MEDIA_REJECTED(422),
  /** The encoder failed. {@link VodkitException#isRetryable()} tells whether another try may help. */
  TRANSCODE_FAILED(500),
  /** The job was cancelled, or the worker lost its lease. */
  CANCELLED(409),
  /** A worker's lease expired without renewal (crashed or stuck worker); recorded by the supervisor. */
  LEASE_EXPIRED(503),
  /** Object storage failed (I/O, network). Usually retryable. */
  STORAGE_FAILED(503),
  /** The metadata store failed. Usually retryable. */
  STORE_FAILED(503),
  /** The pipeline is misconfigured (missing ffmpeg, missing module). */
  CONFIGURATION(500);

  private final int httpStatus;

  ErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  /** The snake_case name used on the wire, e.g. {@code media_rejected}. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The HTTP status a REST layer should answer with. */
  public int httpStatus() {
    return httpStatus;
  }
}
