package io.vodkit.storage.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * Which object a request path names, and whether the origin may serve it. Only keys under
 * {@value #SERVED_PREFIX} are public; everything else (above all {@code raw/} uploads) is 404.
 *
 * <p>The raw (still percent-encoded) path is checked before decoding: a backslash or an encoded
 * slash or backslash ({@code %2f}, {@code %5c}) is 400, so a key can never be smuggled past the
 * segment rules. The decoded path must then be a valid object key ({@link ObjectKeys}: relative,
 * no {@code .} / {@code ..} / empty segments, no control characters), else 400. Finally the file
 * the key names must be reached from {@code objects/videos/} through real directories only and be
 * a regular file: a symbolic link anywhere on the way (wherever it points), a directory or a
 * missing file is 404. The storage never creates links, so only someone tampering with the tree
 * could have made one. Thread-safe.
 */
final class OriginPaths {
  /** Only keys starting with this prefix are ever served. */
  static final String SERVED_PREFIX = "videos/";

  private final Path servedRoot;

  OriginPaths(Layout layout) throws IOException {
    Path videos = layout.objects.resolve(SERVED_PREFIX);
    Files.createDirectories(videos);
    this.servedRoot = videos.toRealPath();
  }

  /** The object key the raw request path names; throws 400 or 404 when it must not be served. */
  static String keyOf(String rawPath) throws OriginRejection {
    if (rawPath == null || !rawPath.startsWith("/")) {
      throw new OriginRejection(400, "invalid_request", "the request path must be absolute");
    }
    String lower = rawPath.toLowerCase(Locale.ROOT);
    if (rawPath.indexOf('\\') >= 0 || lower.contains("%2f") || lower.contains("%5c")) {
      throw new OriginRejection(400, "invalid_request", "encoded slashes and backslashes are not allowed in paths");
    }
    String relative = rawPath.substring(1);
    if (relative.isEmpty() || relative.endsWith("/")) {
      throw notFound(); // a folder: no listings
    }
    String key = ObjectKeys.percentDecode(relative);
    if (key == null || !ObjectKeys.isValid(key)) {
      throw new OriginRejection(400, "invalid_request", "the path does not name a valid object key");
    }
    if (!key.startsWith(SERVED_PREFIX)) {
      throw notFound();
    }
    return key;
  }

  /**
   * The file behind {@code key} and its attributes, if it is a regular file reached from {@code
   * objects/videos/} without following a symbolic link; 404 otherwise. Each component below the
   * served root is checked with one {@code lstat} (cheaper than resolving the real path, and it
   * also refuses links that stay inside the tree).
   */
  ServedFile fileOf(String key) throws OriginRejection, IOException {
    Path path = servedRoot;
    BasicFileAttributes attrs = null;
    String[] names = key.substring(SERVED_PREFIX.length()).split("/");
    for (int i = 0; i < names.length; i++) {
      path = path.resolve(names[i]);
      try {
        attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        throw notFound();
      }
      boolean last = i == names.length - 1;
      if (last ? !attrs.isRegularFile() : !attrs.isDirectory()) {
        throw notFound(); // a symbolic link, a folder at the end, or a file in the middle
      }
    }
    return new ServedFile(path, attrs);
  }

  /** The real path of the directory whose files are served. */
  Path servedRoot() {
    return servedRoot;
  }

  /**
   * A file the origin may serve.
   *
   * @param path where it is (below the served root, no links on the way)
   * @param attributes what {@code lstat} said of it: identity, size and modification time
   */
  record ServedFile(Path path, BasicFileAttributes attributes) {}

  static OriginRejection notFound() {
    return new OriginRejection(404, "not_found", "no such object");
  }
}
