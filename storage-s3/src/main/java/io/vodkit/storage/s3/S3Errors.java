package io.vodkit.storage.s3;

import io.vodkit.ErrorCode;
import io.vodkit.VodkitException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;

/**
 * Turns SDK failures into {@link VodkitException}s so that no AWS type leaves this module.
 *
 * <ul>
 *   <li>{@code NoSuchKey} or any other 404 on an object: {@code NOT_FOUND}.
 *   <li>{@code NoSuchUpload}: {@code NOT_FOUND}, never {@code UPLOAD_EXPIRED}. S3 answers it alike
 *       for an upload that was aborted, completed, or removed by a bucket lifecycle rule, so the
 *       storage cannot tell that the session <em>expired</em>; that is a statement about time
 *       the pipeline makes from the session's {@code expiresAt} before it calls storage.
 *   <li>{@code NoSuchBucket}: {@code CONFIGURATION} (the bucket name or endpoint is wrong; no
 *       retry helps).
 *   <li>on a conditional write, 412 and 409 {@code ConditionalRequestConflict} are answers, not
 *       errors ({@link #isConditionFailed}), and 501 ({@link #isNotImplemented}) tells the
 *       storage to fall back to non-atomic writes.
 *   <li>everything else: {@code STORAGE_FAILED}, retryable for network errors, 5xx, 408, 429 and
 *       throttling; not retryable for other 4xx answers (access denied, bad request), where the
 *       same request would fail the same way.
 * </ul>
 *
 * <p>Stateless; all methods are thread-safe.
 */
final class S3Errors {
  private S3Errors() {}

  /** {@code e} while working on {@code what} (an object key or an upload, for the message). */
  static VodkitException map(String what, SdkException e) {
    if (e instanceof NoSuchBucketException) {
      return new VodkitException(
          ErrorCode.CONFIGURATION, "the bucket does not exist (" + what + "): " + e.getMessage(), false, null, e);
    }
    if (isNoSuchUpload(e)) {
      return new VodkitException(
          ErrorCode.NOT_FOUND,
          what + " not found: the multipart upload was aborted, completed, or removed by a lifecycle rule",
          false, null, e);
    }
    if (isNotFound(e)) {
      return new VodkitException(ErrorCode.NOT_FOUND, what + " not found", false, null, e);
    }
    return new VodkitException(
        ErrorCode.STORAGE_FAILED, "S3 failed on " + what + ": " + e.getMessage(), isRetryable(e), null, e);
  }

  /** True when the store answered 501: it does not implement what was asked (e.g. conditional writes). */
  static boolean isNotImplemented(SdkException e) {
    return e instanceof AwsServiceException s && s.statusCode() == 501;
  }

  /**
   * True when a conditional write was refused because of its condition: 412 Precondition Failed,
   * or 409 ConditionalRequestConflict (another conditional write to the key was in flight).
   */
  static boolean isConditionFailed(SdkException e) {
    return e instanceof AwsServiceException s
        && (s.statusCode() == 412 || (s.statusCode() == 409 && "ConditionalRequestConflict".equals(errorCode(e))));
  }

  /** True for an answer saying the object (not the bucket) is not there. */
  static boolean isNotFound(SdkException e) {
    if (e instanceof NoSuchKeyException) {
      return true;
    }
    return e instanceof AwsServiceException s
        && s.statusCode() == 404
        && !(e instanceof NoSuchBucketException)
        && !isNoSuchUpload(e);
  }

  /** True when S3 refuses because the upload id is unknown. */
  static boolean isNoSuchUpload(SdkException e) {
    return e instanceof NoSuchUploadException
        || (e instanceof AwsServiceException s
            && s.awsErrorDetails() != null
            && "NoSuchUpload".equals(s.awsErrorDetails().errorCode()));
  }

  /** The S3 error code ({@code InvalidPart}, {@code EntityTooSmall}…) or "" when there is none. */
  static String errorCode(SdkException e) {
    if (e instanceof AwsServiceException s && s.awsErrorDetails() != null && s.awsErrorDetails().errorCode() != null) {
      return s.awsErrorDetails().errorCode();
    }
    return "";
  }

  private static boolean isRetryable(SdkException e) {
    if (!(e instanceof AwsServiceException s)) {
      return true; // no answer at all: network, timeout, connection reset
    }
    int status = s.statusCode();
    return status >= 500 || status == 408 || status == 429 || s.isThrottlingException();
  }
}
