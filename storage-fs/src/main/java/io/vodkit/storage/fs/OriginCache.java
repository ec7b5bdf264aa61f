package io.vodkit.storage.fs;

import io.vodkit.spi.ObjectInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * What the origin learnt about the objects it served: the stored metadata ({@link
 * FsObjectStorage#head}), the response headers made from it and, for small objects such as
 * manifests, the bytes, each remembered with the identity of the file it belongs to (inode, size,
 * modification time). Every write renames a new file into place, so a changed identity means a
 * changed object. A hit costs one {@code stat} of the key's path: if that path ever led, through
 * a link, to another file, the identity would differ and the request would take the full checks
 * of {@link OriginPaths} again.
 *
 * <p>Bounded: at most {@value #MAX_ENTRIES} keys and {@value #MAX_CACHED_BODY_BYTES} bytes of
 * bodies; when either is reached everything is dropped (cheap, and a miss costs only a {@code
 * head}). Thread-safe.
 */
final class OriginCache {
  static final int MAX_ENTRIES = 10_000;
  static final long MAX_CACHED_BODY_BYTES = 32L << 20;
  /** Objects up to this size are kept in memory and sent with their headers in one write. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private final FsObjectStorage storage;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong bodyBytes = new AtomicLong();

  OriginCache(FsObjectStorage storage) {
    this.storage = storage;
  }

  /** The remembered entry of {@code key} if its file is still the same one; else null. */
  Entry find(String key) throws IOException {
    Entry entry = entries.get(key);
    if (entry == null) {
      return null;
    }
    try {
      if (entry.isFile(Files.readAttributes(entry.file(), BasicFileAttributes.class))) {
        return entry;
      }
    } catch (NoSuchFileException e) {
      // deleted: forget it
    }
    entries.remove(key, entry);
    return null;
  }

  /**
   * Reads the metadata (and, if small, the bytes) of {@code key} whose file {@link OriginPaths}
   * just checked, and remembers them if the file did not change meanwhile.
   */
  Entry load(String key, OriginPaths.ServedFile file) throws IOException, OriginRejection {
    ObjectInfo info = storage.head(key).orElseThrow(OriginPaths::notFound);
    BasicFileAttributes attrs = file.attributes();
    Entry unread = Entry.of(key, file.path(), attrs, info, null);
    if (info.sizeBytes() != attrs.size()) {
      return unread; // replaced since the check: let the caller open whatever is there now
    }
    byte[] body = null;
    if (attrs.size() <= MAX_BODY_BYTES) {
      try {
        body = Files.readAllBytes(file.path());
      } catch (NoSuchFileException e) {
        throw OriginPaths.notFound();
      }
      BasicFileAttributes after = Files.readAttributes(file.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (body.length != attrs.size() || !unread.isFile(after)) {
        return unread; // replaced while reading
      }
    }
    Entry entry = Entry.of(key, file.path(), attrs, info, body);
    remember(key, entry);
    return entry;
  }

  /** Forgets {@code key} (its file turned out different from what was remembered). */
  void forget(String key) {
    entries.remove(key);
  }

  private void remember(String key, Entry entry) {
    int size = entry.body() == null ? 0 : entry.body().length;
    if (entries.size() >= MAX_ENTRIES || bodyBytes.addAndGet(size) > MAX_CACHED_BODY_BYTES) {
      entries.clear();
      bodyBytes.set(size);
    }
    entries.put(key, entry);
  }

  /**
   * One object as the origin serves it.
   *
   * @param file where its bytes are
   * @param fileKey the file's identity (inode and device), null where the file system has none
   * @param size its length
   * @param modified its modification time
   * @param validators its {@code ETag} and {@code Last-Modified}
   * @param etag the {@code ETag} header, encoded once
   * @param lastModified the {@code Last-Modified} header, encoded once
   * @param cacheControl its stored {@code Cache-Control} header, encoded once
   * @param contentType the {@code Content-Type} header, encoded once
   * @param body its bytes if small, else null
   */
  record Entry(Path file, Object fileKey, long size, FileTime modified, Validators validators, HttpField etag,
      HttpField lastModified, HttpField cacheControl, HttpField contentType, byte[] body) {
    static Entry of(String key, Path file, BasicFileAttributes attrs, ObjectInfo info, byte[] body) {
      Validators validators = Validators.of(info.etag(), info.lastModified());
      return new Entry(file, attrs.fileKey(), attrs.size(), attrs.lastModifiedTime(), validators,
          new PreEncodedHttpField(HttpHeader.ETAG, validators.etag()),
          new PreEncodedHttpField(HttpHeader.LAST_MODIFIED, validators.lastModifiedHeader()),
          new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, info.metadata().cacheControl()),
          new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, ContentTypes.of(key, info.metadata().contentType())),
          body);
    }

    /** Whether {@code attrs} describe this very file, unchanged. */
    boolean isFile(BasicFileAttributes attrs) {
      return fileKey != null && fileKey.equals(attrs.fileKey()) && size == attrs.size()
          && modified.equals(attrs.lastModifiedTime());
    }
  }
}
