package io.vodkit.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.ErrorCode;
import io.vodkit.VodkitException;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * How S3 answers map to error codes, on the SDK's own exception types. (S3Proxy answers an aborted
 * upload's ListParts with an empty list rather than NoSuchUpload, so that answer is built here.)
 */
class S3ErrorsTest {
  @Test
  void noSuchUploadIsNotFoundAndNotRetryable() {
    VodkitException e =
        S3Errors.map("upload u1 of raw/v/source", NoSuchUploadException.builder().statusCode(404).message("gone").build());

    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage()).contains("upload u1 of raw/v/source").contains("aborted, completed");
  }

  @Test
  void noSuchUploadAsAPlainErrorCodeIsRecognisedToo() {
    S3Exception plain = s3Error(404, "NoSuchUpload");

    assertThat(S3Errors.isNoSuchUpload(plain)).isTrue();
    assertThat(S3Errors.isNotFound(plain)).as("not an object 404").isFalse();
    assertThat(S3Errors.map("upload u2", plain).code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void aMissingKeyOrAnyOther404IsNotFound() {
    assertThat(S3Errors.map("object k", NoSuchKeyException.builder().statusCode(404).build()).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(S3Errors.map("object k", s3Error(404, null)).code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void aMissingBucketIsAConfigurationError() {
    VodkitException e = S3Errors.map("object k", NoSuchBucketException.builder().statusCode(404).build());

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
    assertThat(e.isRetryable()).isFalse();
  }

  @Test
  void serverErrorsThrottlingAndNetworkFailuresAreRetryableStorageFailures() {
    for (var failure :
        new software.amazon.awssdk.core.exception.SdkException[] {
          s3Error(500, "InternalError"), s3Error(503, "SlowDown"), s3Error(429, null), s3Error(408, "RequestTimeout"),
          SdkClientException.create("connection refused", new IOException("refused"))
        }) {
      VodkitException e = S3Errors.map("object k", failure);
      assertThat(e.code()).as(failure.toString()).isEqualTo(ErrorCode.STORAGE_FAILED);
      assertThat(e.isRetryable()).as(failure.toString()).isTrue();
    }
  }

  @Test
  void otherClientErrorsAreStorageFailuresThatARetryWouldNotFix() {
    VodkitException e = S3Errors.map("object k", s3Error(403, "AccessDenied"));

    assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILED);
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getCause()).isInstanceOf(S3Exception.class);
  }

  private static S3Exception s3Error(int status, String code) {
    return (S3Exception)
        S3Exception.builder()
            .statusCode(status)
            .message("status " + status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).serviceName("S3").build())
            .build();
  }
}
