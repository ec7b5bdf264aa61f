package io.vodkit.storage.fs;

import java.util.Locale;
import java.util.Map;

/**
 * The {@code Content-Type} the origin sends, chosen by the key's extension so players always get
 * what they sniff for ({@code .m3u8}, {@code .mpd}, {@code .mp4}, {@code .m4s}, images, captions);
 * unknown extensions fall back to the type stored with the object.
 */
final class ContentTypes {
  private static final Map<String, String> BY_EXTENSION =
      Map.ofEntries(
          Map.entry("m3u8", "application/vnd.apple.mpegurl"),
          Map.entry("mpd", "application/dash+xml"),
          Map.entry("mp4", "video/mp4"),
          Map.entry("m4s", "video/iso.segment"),
          Map.entry("m4a", "audio/mp4"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("png", "image/png"),
          Map.entry("webp", "image/webp"),
          Map.entry("vtt", "text/vtt"),
          Map.entry("json", "application/json"));

  private ContentTypes() {}

  /** The type for {@code key}, or {@code stored} when its extension is not one of the known ones. */
  static String of(String key, String stored) {
    int dot = key.lastIndexOf('.');
    if (dot < 0 || dot < key.lastIndexOf('/')) {
      return stored;
    }
    return BY_EXTENSION.getOrDefault(key.substring(dot + 1).toLowerCase(Locale.ROOT), stored);
  }
}
