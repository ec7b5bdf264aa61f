package io.vodkit;

/**
 * The source is not a video vodkit accepts: not a media file, a container we do not allow (for
 * example an HLS playlist that points at other files), truncated, or outside the configured limits.
 * Never retried: the same bytes give the same answer.
 */
public final class MediaRejectedException extends VodkitException {
  public MediaRejectedException(String message, Throwable cause) {
    super(ErrorCode.MEDIA_REJECTED, message, false, null, cause);
  }
}
