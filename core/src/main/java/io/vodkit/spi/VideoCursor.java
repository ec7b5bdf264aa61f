package io.vodkit.spi;

import io.vodkit.Video;
import io.vodkit.VodkitException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * A position in an owner's video list (newest first): the last video of the previous page. Its
 * {@link #encode() encoded} form is the opaque {@code cursor} an API hands to clients.
 *
 * @param createdAt the last video's creation time
 * @param videoId the last video's id (breaks ties between videos created in the same millisecond)
 */
public record VideoCursor(Instant createdAt, String videoId) {
  public VideoCursor {
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(videoId, "videoId");
  }

  /** The cursor just after {@code video}. */
  public static VideoCursor after(Video video) {
    return new VideoCursor(video.createdAt(), video.id());
  }

  /** URL-safe base64 of {@code <epoch millis>:<video id>}. */
  public String encode() {
    String plain = createdAt.toEpochMilli() + ":" + videoId;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses {@link #encode()}'s output; INVALID_ARGUMENT (field {@code cursor}) otherwise. */
  public static VideoCursor decode(String cursor) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int colon = plain.indexOf(':');
      if (colon <= 0 || colon == plain.length() - 1) {
        throw new IllegalArgumentException("no separator");
      }
      return new VideoCursor(
          Instant.ofEpochMilli(Long.parseLong(plain.substring(0, colon))), plain.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw VodkitException.invalid("cursor", "cursor is not one this API issued");
    }
  }
}
