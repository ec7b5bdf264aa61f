package io.vodkit;

/**
 * What a client declares when it starts an upload ({@code POST /v1/videos}).
 *
 * @param ownerId who uploads (opaque to vodkit)
 * @param title display title, 1..500 characters
 * @param description free text, may be empty
 * @param contentType MIME type, must start with {@code video/}
 * @param fileSizeBytes exact size of the file, used to plan the multipart upload
 */
public record NewUpload(
    String ownerId, String title, String description, String contentType, long fileSizeBytes) {
  /** Largest object S3 accepts (5 TiB); we accept no more. */
  public static final long MAX_FILE_SIZE_BYTES = 5L << 40;

  public NewUpload {
    if (ownerId == null || ownerId.isBlank()) {
      throw VodkitException.invalid("owner_id", "owner_id is required");
    }
    if (title == null || title.isBlank() || title.length() > 500) {
      throw VodkitException.invalid("title", "title is required and at most 500 characters");
    }
    description = description == null ? "" : description;
    if (description.length() > 10_000) {
      throw VodkitException.invalid("description", "description is at most 10000 characters");
    }
    if (contentType == null || !contentType.startsWith("video/")) {
      throw VodkitException.invalid(
          "content_type", "content_type must be a video/* MIME type, was " + contentType);
    }
    if (fileSizeBytes <= 0 || fileSizeBytes > MAX_FILE_SIZE_BYTES) {
      throw VodkitException.invalid(
          "file_size", "file_size must be between 1 byte and 5 TiB, was " + fileSizeBytes);
    }
  }

  /** An upload with an empty description. */
  public static NewUpload of(String ownerId, String title, String contentType, long fileSize) {
    return new NewUpload(ownerId, title, "", contentType, fileSize);
  }
}
