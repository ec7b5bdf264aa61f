package io.vodkit.storage.s3;

import io.vodkit.CompletedPart;
import io.vodkit.VodkitException;
import io.vodkit.spi.DirectUploads;
import io.vodkit.spi.ObjectInfo;
import io.vodkit.spi.ObjectMetadata;
import io.vodkit.spi.PartInfo;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.Part;

/**
 * S3 multipart uploads behind {@link S3ObjectStorage#uploads()}: {@code CreateMultipartUpload}
 * with the object's Content-Type and Cache-Control, presigned {@code UploadPart} and {@code
 * PutObject} URLs that sign the exact Content-Length (S3 refuses any other body size with 403),
 * {@code ListParts} followed page by page, and {@code CompleteMultipartUpload} only after every
 * (partNumber, ETag) was checked against {@code ListParts}, so a wrong or missing part fails with
 * {@code UPLOAD_VERIFICATION_FAILED} naming it while S3 still holds every part.
 *
 * <p>Thread-safe (stateless over the thread-safe SDK clients); owned by its storage.
 */
final class S3DirectUploads implements DirectUploads {
  /** S3's largest (and default) {@code ListParts} page. */
  static final int MAX_LIST_PARTS_PAGE = 1000;
  /** S3's smallest part but the last; CompleteMultipartUpload refuses smaller ones. */
  static final long MIN_PART_BYTES = 5L << 20;
  /** S3's largest part or single PUT. */
  static final long MAX_PART_BYTES = 5L << 30;

  private final S3ObjectStorage storage;
  private final S3Client s3;

  S3DirectUploads(S3ObjectStorage storage) {
    this.storage = storage;
    this.s3 = storage.client();
  }

  @Override
  public String create(String key, ObjectMetadata metadata) {
    S3ObjectStorage.requireKey(key);
    Objects.requireNonNull(metadata, "metadata");
    try {
      return s3.createMultipartUpload(
              b -> b.bucket(storage.bucket())
                  .key(key)
                  .contentType(metadata.contentType())
                  .cacheControl(metadata.cacheControl().isEmpty() ? null : metadata.cacheControl()))
          .uploadId();
    } catch (SdkException e) {
      throw S3Errors.map("object " + key, e);
    }
  }

  @Override
  public URI presignPart(String key, String uploadId, int partNumber, long sizeBytes, Instant expiresAt) {
    S3ObjectStorage.requireKey(key);
    Objects.requireNonNull(uploadId, "uploadId");
    if (partNumber < 1 || partNumber > 10_000) {
      throw VodkitException.invalid("part_number", "part number must be 1..10000, was " + partNumber);
    }
    requireSize(sizeBytes);
    Duration validity = Presigning.validity(expiresAt);
    return Presigning.toUri(
        storage.presigner()
            .presignUploadPart(
                r -> r.signatureDuration(validity)
                    .uploadPartRequest(
                        p -> p.bucket(storage.bucket())
                            .key(key)
                            .uploadId(uploadId)
                            .partNumber(partNumber)
                            .contentLength(sizeBytes)))
            .url());
  }

  /**
   * A presigned {@code PutObject} URL for exactly {@code sizeBytes}. S3 stores the headers the
   * client sends with it: Content-Type and Cache-Control are not signed (a client that does not
   * send them, like a plain {@code curl -T}, could not use the URL otherwise).
   */
  @Override
  public URI presignPut(String key, long sizeBytes, Instant expiresAt) {
    S3ObjectStorage.requireKey(key);
    requireSize(sizeBytes);
    Duration validity = Presigning.validity(expiresAt);
    return Presigning.toUri(
        storage.presigner()
            .presignPutObject(
                r -> r.signatureDuration(validity)
                    .putObjectRequest(p -> p.bucket(storage.bucket()).key(key).contentLength(sizeBytes)))
            .url());
  }

  /**
   * Every part S3 holds, following {@code ListParts} pages of up to 1,000 parts. S3 answers
   * NoSuchUpload (mapped to NOT_FOUND) for an aborted or completed upload; some S3-compatible
   * stores (S3Proxy) answer an empty list instead.
   */
  @Override
  public List<PartInfo> listParts(String key, String uploadId) {
    S3ObjectStorage.requireKey(key);
    Objects.requireNonNull(uploadId, "uploadId");
    try {
      List<PartInfo> parts = new ArrayList<>();
      for (Part p :
          s3.listPartsPaginator(
                  b -> b.bucket(storage.bucket()).key(key).uploadId(uploadId).maxParts(MAX_LIST_PARTS_PAGE))
              .parts()) {
        parts.add(new PartInfo(p.partNumber(), p.size(), CompletedPart.stripQuotes(p.eTag())));
      }
      parts.sort((a, b) -> Integer.compare(a.partNumber(), b.partNumber()));
      return parts;
    } catch (SdkException e) {
      throw S3Errors.map(describe(key, uploadId), e);
    }
  }

  /**
   * Checks every (partNumber, ETag) against {@code ListParts} — listed in ascending order, each
   * part held with that ETag, every part but the last at least 5 MiB — and only then calls {@code
   * CompleteMultipartUpload}. Returns the assembled object as {@code HeadObject} sees it.
   */
  @Override
  public ObjectInfo complete(String key, String uploadId, List<CompletedPart> parts) {
    Objects.requireNonNull(parts, "parts");
    if (parts.isEmpty()) {
      throw VodkitException.invalid("parts", "a multipart upload needs at least one part");
    }
    verify(parts, listParts(key, uploadId));
    List<software.amazon.awssdk.services.s3.model.CompletedPart> completed = new ArrayList<>(parts.size());
    for (CompletedPart p : parts) {
      completed.add(
          software.amazon.awssdk.services.s3.model.CompletedPart.builder()
              .partNumber(p.partNumber())
              .eTag('"' + p.etag() + '"')
              .build());
    }
    try {
      s3.completeMultipartUpload(
          b -> b.bucket(storage.bucket())
              .key(key)
              .uploadId(uploadId)
              .multipartUpload(CompletedMultipartUpload.builder().parts(completed).build()));
    } catch (SdkException e) {
      String code = S3Errors.errorCode(e);
      if (code.equals("InvalidPart") || code.equals("InvalidPartOrder") || code.equals("EntityTooSmall")) {
        // a part changed between ListParts and Complete (a concurrent re-upload): nothing assembled
        throw VodkitException.uploadVerification(0, "S3 refused to complete " + describe(key, uploadId) + ": " + code + " " + e.getMessage());
      }
      throw S3Errors.map(describe(key, uploadId), e);
    }
    return storage.head(key)
        .orElseThrow(() -> VodkitException.storage("completed " + describe(key, uploadId) + " but the object is not visible", null));
  }

  @Override
  public void abort(String key, String uploadId) {
    S3ObjectStorage.requireKey(key);
    Objects.requireNonNull(uploadId, "uploadId");
    try {
      s3.abortMultipartUpload(b -> b.bucket(storage.bucket()).key(key).uploadId(uploadId));
    } catch (SdkException e) {
      if (!S3Errors.isNoSuchUpload(e) && !S3Errors.isNotFound(e)) {
        throw S3Errors.map(describe(key, uploadId), e);
      }
    }
  }

  private static void verify(List<CompletedPart> parts, List<PartInfo> held) {
    Map<Integer, PartInfo> byNumber = new HashMap<>();
    for (PartInfo p : held) {
      byNumber.put(p.partNumber(), p);
    }
    int previous = 0;
    for (int i = 0; i < parts.size(); i++) {
      CompletedPart part = parts.get(i);
      int n = part.partNumber();
      if (n <= previous) {
        throw VodkitException.invalid("parts", "parts must be listed in ascending part number order without repeats");
      }
      previous = n;
      PartInfo stored = byNumber.get(n);
      if (stored == null) {
        throw VodkitException.uploadVerification(n, "part " + n + " was never uploaded; PUT it and complete again");
      }
      if (!stored.etag().equals(part.etag())) {
        throw VodkitException.uploadVerification(
            n, "part " + n + " has ETag " + stored.etag() + " in storage but the client sent " + part.etag()
                + "; re-upload that part");
      }
      boolean last = i == parts.size() - 1;
      if (!last && stored.sizeBytes() < MIN_PART_BYTES) {
        throw VodkitException.uploadVerification(
            n, "part " + n + " holds " + stored.sizeBytes() + " bytes; every part but the last must be at least 5 MiB");
      }
    }
  }

  private static void requireSize(long sizeBytes) {
    if (sizeBytes < 0 || sizeBytes > MAX_PART_BYTES) {
      throw VodkitException.invalid("size", "a part or single PUT must be 0..5 GiB, was " + sizeBytes);
    }
  }

  private static String describe(String key, String uploadId) {
    return "upload " + uploadId + " of " + key;
  }
}
