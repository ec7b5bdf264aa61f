package io.vodkit;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An upload in progress: where the client sends the bytes and until when.
 *
 * <p>Small files can go in one PUT to {@link #uploadUrl()}; larger ones as the planned {@link
 * #parts()} (any order, in parallel), after which the client completes the upload with each part's
 * ETag.
 *
 * @param videoId the video this upload fills
 * @param uploadId storage multipart upload id
 * @param objectKey where the source lands, {@code raw/{video_id}/source}
 * @param fileSizeBytes declared size
 * @param partSizeBytes size of every part but the last
 * @param uploadUrl presigned URL for a single PUT of the whole file
 * @param parts presigned URLs for a multipart upload
 * @param expiresAt when the URLs and the session expire
 */
public record UploadSession(
    String videoId,
    String uploadId,
    String objectKey,
    long fileSizeBytes,
    long partSizeBytes,
    URI uploadUrl,
    List<PartUrl> parts,
    Instant expiresAt) {
  public UploadSession {
    Objects.requireNonNull(videoId, "videoId");
    Objects.requireNonNull(uploadId, "uploadId");
    Objects.requireNonNull(objectKey, "objectKey");
    Objects.requireNonNull(uploadUrl, "uploadUrl");
    parts = List.copyOf(parts);
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
