package io.vodkit.internal;

import java.security.SecureRandom;

/**
 * Random, URL-safe, unguessable identifiers: a prefix and 16 base62 characters (~95 bits from
 * {@link SecureRandom}), e.g. {@code vid_2wXk9mPqRn7vA1bC}.
 */
public final class Ids {
  private static final char[] ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final int LENGTH = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /** A new video id, {@code vid_…}. */
  public static String videoId() {
    return random("vid_");
  }

  /** A new transcode job id, {@code tjob_…}. */
  public static String jobId() {
    return random("tjob_");
  }

  /** A new id with the given prefix. */
  public static String random(String prefix) {
    StringBuilder sb = new StringBuilder(prefix.length() + LENGTH).append(prefix);
    for (int i = 0; i < LENGTH; i++) {
      sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return sb.toString();
  }

  /** True for ids we could have issued with this prefix: guards keys built from user input. */
  public static boolean isValid(String id, String prefix) {
    if (id == null || !id.startsWith(prefix) || id.length() != prefix.length() + LENGTH) {
      return false;
    }
    for (int i = prefix.length(); i < id.length(); i++) {
      char c = id.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
        return false;
      }
    }
    return true;
  }
}
