package io.vodkit.storage.fs;

import io.vodkit.VodkitException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Object key rules and the key's form in an upload URL path. Keys are relative, {@code
 * /}-separated, at most 1024 characters, with no empty, {@code .} or {@code ..} segments, no
 * backslash and no control characters, so a key can never name a file outside its tree; and
 * since segments become file names, none longer than 255 UTF-8 bytes.
 */
final class ObjectKeys {
  static final int MAX_KEY_LENGTH = 1024;
  /** A file name limit of common file systems (ext4, XFS, APFS, NTFS). */
  static final int MAX_SEGMENT_BYTES = 255;

  private ObjectKeys() {}

  /** Returns {@code key} if valid, else throws INVALID_REQUEST on field {@code key}. */
  static String requireValid(String key) {
    String problem = problem(key);
    if (problem != null) {
      throw VodkitException.invalid("key", "invalid object key " + quote(key) + ": " + problem);
    }
    return key;
  }

  /** Whether {@code key} is a valid object key. */
  static boolean isValid(String key) {
    return problem(key) == null;
  }

  /**
   * Returns {@code prefix} if it is usable for listing: empty, or a key with an optional trailing
   * {@code /} or partial last segment.
   */
  static String requireValidPrefix(String prefix) {
    if (prefix == null) {
      throw VodkitException.invalid("prefix", "prefix must not be null (use \"\" for everything)");
    }
    if (prefix.isEmpty()) {
      return prefix;
    }
    String asKey = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    String problem = problem(asKey);
    if (problem != null) {
      throw VodkitException.invalid("prefix", "invalid prefix " + quote(prefix) + ": " + problem);
    }
    return prefix;
  }

  private static String problem(String key) {
    if (key == null || key.isEmpty()) {
      return "must not be empty";
    }
    if (key.length() > MAX_KEY_LENGTH) {
      return "longer than " + MAX_KEY_LENGTH + " characters";
    }
    if (key.startsWith("/")) {
      return "must be relative (no leading /)";
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '\\') {
        return "must not contain a backslash";
      }
      if (c < 0x20 || c == 0x7f) {
        return "must not contain control characters";
      }
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty()) {
        return "must not contain empty segments (// or a trailing /)";
      }
      if (segment.equals(".") || segment.equals("..")) {
        return "must not contain . or .. segments";
      }
      if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
        return "segments longer than " + MAX_SEGMENT_BYTES + " bytes are not supported by filesystem storage";
      }
    }
    return null;
  }

  /** The key as a URL path: each segment percent-encoded, keeping only unreserved characters. */
  static String toUrlPath(String key) {
    StringBuilder sb = new StringBuilder(key.length() + 16);
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c == '/' || isUnreserved(c)) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        sb.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }

  /**
   * Decodes a raw (still percent-encoded) URL path or query component; returns null when it is
   * malformed (bad escape or not UTF-8). The result still has to pass {@link #requireValid}.
   */
  static String percentDecode(String raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          return null;
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        out.write(hi << 4 | lo);
        i += 2;
      } else if (c > 0x7f) {
        return null;
      } else {
        out.write(c);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  private static String quote(String key) {
    if (key == null) {
      return "null";
    }
    String shown = key.length() > 80 ? key.substring(0, 80) + "…" : key;
    return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
  }
}
