package io.vodkit.abr.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Turns a URI written in a playlist into a file next to (or below) that playlist, and never into
 * anything else: the playlists are read from local disk, so a URI must not lead out of the
 * video's folder.
 *
 * <p>{@link #check} accepts only relative paths: no scheme or drive ({@code :}), no leading
 * {@code /}, no backslash, query or fragment, no empty segment, no {@code .} segment and no {@code
 * ..} anywhere, all checked after percent-decoding (so {@code %2E%2E} is caught too). {@link
 * #resolve} then also checks the real path, so a symbolic link cannot lead out either.
 *
 * <p>Stateless; thread-safe.
 */
final class LocalUri {
  private LocalUri() {}

  /**
   * The decoded relative path that {@code uri} names, segments separated by {@code /}.
   *
   * @param where {@code file:line}, for error messages
   * @throws TraceFormatException if {@code uri} is absolute or could leave its folder
   */
  static String check(String uri, String where) {
    if (uri.isEmpty()
        || uri.startsWith("/")
        || uri.indexOf(':') >= 0
        || uri.indexOf('\\') >= 0
        || uri.indexOf('?') >= 0
        || uri.indexOf('#') >= 0) {
      throw refuse(uri, where);
    }
    StringBuilder path = new StringBuilder();
    for (String raw : uri.split("/", -1)) {
      String segment = decode(raw, uri, where);
      if (segment.isEmpty()
          || segment.equals(".")
          || segment.contains("..")
          || segment.indexOf('/') >= 0
          || segment.indexOf('\\') >= 0
          || segment.indexOf('\0') >= 0) {
        throw refuse(uri, where);
      }
      path.append(path.length() == 0 ? "" : "/").append(segment);
    }
    return path.toString();
  }

  /**
   * The existing regular file that {@code relative} (from {@link #check}) names in {@code folder},
   * which must really lie inside {@code root}.
   *
   * @param where the playlist that names it, for error messages
   * @throws TraceFormatException if it is missing, not a regular file, or outside {@code root}
   */
  static Path resolve(Path folder, String relative, Path root, String where) {
    Path file = folder.resolve(relative);
    Path real;
    try {
      real = file.toRealPath();
    } catch (NoSuchFileException e) {
      throw new TraceFormatException(where + ": " + relative + " is missing (" + file + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (!real.startsWith(root)) {
      throw new TraceFormatException(
          where + ": " + relative + " leads outside the video's folder " + root + " (to " + real
              + ")");
    }
    if (!Files.isRegularFile(real)) {
      throw new TraceFormatException(where + ": " + relative + " is not a file (" + file + ")");
    }
    return real;
  }

  private static String decode(String raw, String uri, String where) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < raw.length()) {
      int percent = raw.indexOf('%', i);
      int end = percent < 0 ? raw.length() : percent;
      bytes.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
      if (percent < 0) {
        break;
      }
      int hi = percent + 2 < raw.length() ? hexDigit(raw.charAt(percent + 1)) : -1;
      int lo = hi >= 0 ? hexDigit(raw.charAt(percent + 2)) : -1;
      if (lo < 0) {
        throw new TraceFormatException(where + ": bad percent-encoding in URI '" + uri + "'");
      }
      bytes.write(hi * 16 + lo);
      i = percent + 3;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new TraceFormatException(where + ": URI '" + uri + "' is not UTF-8 once decoded", e);
    }
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }

  private static TraceFormatException refuse(String uri, String where) {
    return new TraceFormatException(
        where
            + ": URI '"
            + uri
            + "' refused: only relative paths inside the playlist's folder are read"
            + " (no scheme, leading '/', '..', '.', '\\', '?', '#' or empty segment)");
  }
}
