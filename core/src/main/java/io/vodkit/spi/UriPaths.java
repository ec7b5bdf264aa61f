package io.vodkit.spi;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes names (rendition folders, segment files) for use as relative URI path segments
 * in manifests (RFC 3986 §2). One place for every {@link ManifestWriter}. Stateless.
 */
public final class UriPaths {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private UriPaths() {}

  /** {@code name} as one path segment: unreserved characters as is, every other byte as %XX. */
  public static String segment(String name) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty name in a URI path");
    }
    StringBuilder out = new StringBuilder(name.length());
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (isUnreserved(c)) {
        out.append(c);
      } else {
        out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      }
    }
    return out.toString();
  }

  private static boolean isUnreserved(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }
}
