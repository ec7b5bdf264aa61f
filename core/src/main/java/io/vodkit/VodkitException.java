package io.vodkit;

import java.util.Objects;

/**
 * The one unchecked exception family of vodkit: a stable {@link ErrorCode}, a message a person
 * can act on, whether a retry may help, and optionally the request field or upload part at fault.
 *
 * <p>Use the static factories; they pick the retry flag that fits the code.
 */
public class VodkitException extends RuntimeException {
  private final ErrorCode code;
  private final boolean retryable;
  private final String field;

  /** Creates an exception; prefer the static factories. */
  public VodkitException(
      ErrorCode code, String message, boolean retryable, String field, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.retryable = retryable;
    this.field = field;
  }

  /** The stable error code. */
  public ErrorCode code() {
    return code;
  }

  /** True when the same operation may succeed if tried again later. */
  public boolean isRetryable() {
    return retryable;
  }

  /** The request field (or {@code parts[N]}) at fault, or null. */
  public String field() {
    return field;
  }

  public static VodkitException notFound(String what) {
    return new VodkitException(ErrorCode.NOT_FOUND, what + " not found", false, null, null);
  }

  public static VodkitException invalid(String field, String message) {
    return new VodkitException(ErrorCode.INVALID_REQUEST, message, false, field, null);
  }

  public static VodkitException conflict(String message) {
    return new VodkitException(ErrorCode.CONFLICT, message, false, null, null);
  }

  public static VodkitException uploadVerification(int partNumber, String message) {
    return new VodkitException(
        ErrorCode.UPLOAD_VERIFICATION_FAILED,
        message,
        false,
        partNumber > 0 ? "parts[" + partNumber + "]" : null,
        null);
  }

  public static VodkitException mediaRejected(String message) {
    return new MediaRejectedException(message, null);
  }

  public static VodkitException storage(String message, Throwable cause) {
    return new VodkitException(ErrorCode.STORAGE_FAILED, message, true, null, cause);
  }

  public static VodkitException store(String message, Throwable cause) {
    return new VodkitException(ErrorCode.STORE_FAILED, message, true, null, cause);
  }

  public static VodkitException transcode(String message, boolean retryable, Throwable cause) {
    return new VodkitException(ErrorCode.TRANSCODE_FAILED, message, retryable, null, cause);
  }

  public static VodkitException cancelled(String message, Throwable cause) {
    return new VodkitException(ErrorCode.CANCELLED, message, false, null, cause);
  }

  public static VodkitException configuration(String message) {
    return new VodkitException(ErrorCode.CONFIGURATION, message, false, null, null);
  }
}
