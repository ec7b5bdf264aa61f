package io.vodkit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The canonical video record. Immutable; the store holds the current version.
 *
 * @param id {@code vid_…}, random and unguessable
 * @param ownerId who uploaded it (opaque to vodkit)
 * @param title display title
 * @param description free text, may be empty
 * @param contentType declared MIME type of the upload
 * @param fileSizeBytes declared size of the upload
 * @param status lifecycle state
 * @param durationSeconds measured duration once probed, else null
 * @param renditions published renditions (empty until ready or partial)
 * @param failureCode error code when failed, else null
 * @param failureMessage human-readable reason when failed, else null
 * @param createdAt creation time
 * @param updatedAt last change
 */
public record Video(
    String id,
    String ownerId,
    String title,
    String description,
    String contentType,
    long fileSizeBytes,
    VideoStatus status,
    Double durationSeconds,
    List<Rendition> renditions,
    String failureCode,
    String failureMessage,
    Instant createdAt,
    Instant updatedAt) {
  public Video {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(ownerId, "ownerId");
    Objects.requireNonNull(title, "title");
    description = description == null ? "" : description;
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(status, "status");
    renditions = List.copyOf(renditions == null ? List.of() : renditions);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** A {@link VideoStatus#FAILED} copy with {@code code} and {@code message}, touched at {@code now}. */
  public Video failed(String code, String message, Instant now) {
    return new Video(
        id, ownerId, title, description, contentType, fileSizeBytes, VideoStatus.FAILED, durationSeconds,
        renditions, code, message, createdAt, now);
  }

  /** A copy in another status, touched at {@code now}. */
  public Video withStatus(VideoStatus newStatus, Instant now) {
    return new Video(
        id, ownerId, title, description, contentType, fileSizeBytes, newStatus, durationSeconds,
        renditions, failureCode, failureMessage, createdAt, now);
  }
}
