package io.vodkit.spi;

import io.vodkit.CompletedPart;
import io.vodkit.VodkitException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * Object storage: a flat key space of immutable-once-written blobs with HTTP metadata.
 *
 * <p>Keys are {@code /}-separated relative paths ({@code videos/vid_x/720p/seg_00000.m4s}).
 * Writes are atomically visible: a reader sees the whole new object or the old one (or none),
 * never a part. Implementations are thread-safe. Failures are {@link VodkitException}s with code
 * {@code STORAGE_FAILED} (retryable) or {@code NOT_FOUND}.
 *
 * <p>Conditional writes ({@link #putIfAbsent}, {@link #putIfMatch}) let a writer that may be stale
 * (a worker whose lease was lost) avoid replacing what the current writer stored. Backends with a
 * storage-level condition implement them atomically; the defaults here are not atomic.
 *
 * <p>Implementations: {@code FsObjectStorage} (storage-fs), {@code S3ObjectStorage} (storage-s3).
 * Every implementation extends the contract test {@code ObjectStorageContractTest}.
 */
public interface ObjectStorage extends AutoCloseable {
  /** Stores the file's bytes under {@code key}, replacing any object there, atomically. */
  void put(String key, Path source, ObjectMetadata metadata);

  /** Opens the object for reading; the caller closes the stream. Throws NOT_FOUND if absent. */
  InputStream open(String key);

  /** The object's metadata, or empty if there is no such object. */
  Optional<ObjectInfo> head(String key);

  /**
   * The object's first {@code maxBytes} bytes (all of them if it is shorter). Throws NOT_FOUND if
   * absent. The default reads them through {@link #open}; a remote store should fetch only that
   * range.
   */
  default byte[] readFirstBytes(String key, int maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
    }
    try (InputStream in = open(key)) {
      return in.readNBytes(maxBytes);
    } catch (IOException e) {
      throw VodkitException.storage("cannot read the first bytes of " + key + ": " + e.getMessage(), e);
    }
  }

  /** Keys under {@code prefix}, sorted. */
  List<String> list(String prefix);

  /** Deletes the object; deleting a missing key is not an error. */
  void delete(String key);

  /** Presigned direct uploads into this storage. */
  DirectUploads uploads();

  /** Stores bytes under {@code key} (for small objects such as manifests). */
  default void put(String key, byte[] bytes, ObjectMetadata metadata) {
    try {
      Path tmp = Files.createTempFile("vodkit-put", ".tmp");
      try {
        Files.write(tmp, bytes);
        put(key, tmp, metadata);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw VodkitException.storage("cannot stage " + key + ": " + e.getMessage(), e);
    }
  }

  /**
   * Stores the bytes under {@code key} only if no object is there, as one atomic step: of several
   * concurrent callers exactly one creates the object, the others get {@link PutResult#existing}
   * with the ETag of the object found (which they leave unchanged).
   *
   * <p>The default is head-then-put and is <b>not atomic</b>: two concurrent callers may both
   * report {@code created}, the later write replacing the earlier. Backends that can make the
   * check and the write one step (a lock, S3's {@code If-None-Match: *}) override it.
   */
  default PutResult putIfAbsent(String key, byte[] bytes, ObjectMetadata metadata) {
    Optional<ObjectInfo> existing = head(key);
    if (existing.isPresent()) {
      return PutResult.existing(existing.get().etag());
    }
    put(key, bytes, metadata);
    return PutResult.created(head(key).map(ObjectInfo::etag).orElse(""));
  }

  /**
   * Replaces the object under {@code key} with the bytes only if it is there with the ETag {@code
   * expectedEtag} (quotes ignored), as one atomic step (compare-and-swap). True if replaced; false,
   * with nothing changed, if the object is absent or has another ETag.
   *
   * <p>The default is head-then-put and is <b>not atomic</b>: a write landing between the check
   * and the put is overwritten. Backends that can make them one step (a lock, S3's {@code
   * If-Match}) override it.
   */
  default boolean putIfMatch(String key, byte[] bytes, ObjectMetadata metadata, String expectedEtag) {
    String expected = CompletedPart.stripQuotes(expectedEtag);
    Optional<ObjectInfo> current = head(key);
    if (current.isEmpty() || !current.get().etag().equals(expected)) {
      return false;
    }
    put(key, bytes, metadata);
    return true;
  }

  /** Copies the object to a local file (replacing it). */
  default void download(String key, Path target) {
    try (InputStream in = open(key)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw VodkitException.storage("cannot download " + key + ": " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw VodkitException.storage("cannot download " + key + ": " + e.getMessage(), e);
    }
  }

  /** Deletes every object under {@code prefix}. */
  default void deletePrefix(String prefix) {
    for (String key : list(prefix)) {
      delete(key);
    }
  }

  /** Releases what the storage started (clients, listeners). */
  @Override
  default void close() {}
}
