package io.vodkit.spi;

import java.util.Objects;

/**
 * One rung of the ladder to encode.
 *
 * @param name rendition name and folder, e.g. {@code 720p}
 * @param width output width (even)
 * @param height output height (even)
 * @param codec {@code h264} or {@code h265}
 * @param profile encoder profile, e.g. {@code baseline}, {@code main}, {@code high}
 * @param bitrateKbps target video bitrate
 */
public record RungSpec(
    String name, int width, int height, String codec, String profile, int bitrateKbps) {
  /** The folder and rendition name reserved for the audio track. */
  public static final String AUDIO_RENDITION = "audio";

  public RungSpec {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[A-Za-z0-9_-]{1,32}") || name.equals(AUDIO_RENDITION)) {
      throw new IllegalArgumentException(
          "rung name must be a safe folder name other than '" + AUDIO_RENDITION + "': " + name);
    }
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(profile, "profile");
    if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
      throw new IllegalArgumentException("rung size must be positive and even: " + width + "x" + height);
    }
    if (bitrateKbps <= 0) {
      throw new IllegalArgumentException("bitrateKbps must be positive");
    }
  }
}
