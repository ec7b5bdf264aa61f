package io.vodkit.ffmpeg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last few accepted probes, so {@code transcode} and {@code thumbnails} right after {@code
 * probe} on the same file skip a second ffprobe run. A file is the same when its absolute path,
 * size, modification time and file key (inode) are; anything else misses and is probed again.
 *
 * <p>Thread-safe (synchronized); holds at most {@value #CAPACITY} entries.
 */
final class ProbeCache {
  static final int CAPACITY = 32;

  private final Map<Key, ProbedSource> entries =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, ProbedSource> eldest) {
          return size() > CAPACITY;
        }
      };

  private record Key(Path path, long size, long modifiedMillis, Object fileKey) {}

  synchronized void put(Path file, ProbedSource probed) {
    key(file).ifPresent(k -> entries.put(k, probed));
  }

  synchronized Optional<ProbedSource> get(Path file) {
    return key(file).map(entries::get);
  }

  private static Optional<Key> key(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    try {
      BasicFileAttributes a = Files.readAttributes(abs, BasicFileAttributes.class);
      return Optional.of(new Key(abs, a.size(), a.lastModifiedTime().toMillis(), a.fileKey()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
