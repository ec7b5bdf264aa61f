package io.vodkit.spi;

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
