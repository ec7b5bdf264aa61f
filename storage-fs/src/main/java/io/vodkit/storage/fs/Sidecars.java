package io.vodkit.storage.fs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vodkit.spi.ObjectMetadata;

/**
 * The JSON records kept next to the data files: per-object metadata, per-upload intent and
 * per-part digest. Never listed as objects.
 */
final class Sidecars {
  static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private Sidecars() {}

  /** {@code meta/<key>}: what {@code head} reports besides size and modification time. */
  record ObjectRecord(String contentType, String cacheControl, String etag, long sizeBytes) {
    ObjectMetadata metadata() {
      return ObjectMetadata.of(contentType, cacheControl);
    }
  }

  /** {@code uploads/<id>/upload.json}: the key and metadata a multipart upload will complete to. */
  record UploadRecord(String key, String contentType, String cacheControl, long createdEpochMillis) {
    ObjectMetadata metadata() {
      return ObjectMetadata.of(contentType, cacheControl);
    }
  }

  /** {@code uploads/<id>/part-NNNNN.json}: size and MD5 hex of the part file beside it. */
  record PartRecord(int partNumber, long sizeBytes, String etag) {}
}
