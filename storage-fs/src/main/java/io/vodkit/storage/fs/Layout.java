package io.vodkit.storage.fs;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The directory layout under a storage root and the file operations on it:
 *
 * <pre>
 * root/objects/&lt;key&gt;                  object bytes (the only tree {@code list} walks)
 * root/meta/&lt;key&gt;                     object metadata JSON (same shape as objects/)
 * root/uploads/&lt;id&gt;/upload.json      multipart intent: key and metadata
 * root/uploads/&lt;id&gt;/part-00001(.json) part bytes and their size/MD5
 * root/tmp/                           staging; everything reaches its place by an atomic rename
 * root/locks/key-NN.lock             OS file locks of the conditional writes (KeyFileLocks)
 * root/.upload-secret                 signing key of the upload URLs
 * </pre>
 *
 * Stateless apart from the paths; thread-safe.
 */
final class Layout {
  private static final int MOVE_ATTEMPTS = 5;

  final Path root;
  final Path objects;
  final Path meta;
  final Path uploads;
  final Path tmp;

  Layout(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.objects = this.root.resolve("objects");
    this.meta = this.root.resolve("meta");
    this.uploads = this.root.resolve("uploads");
    this.tmp = this.root.resolve("tmp");
    for (Path dir : new Path[] {objects, meta, uploads, tmp}) {
      Files.createDirectories(dir);
    }
  }

  Path secretFile() {
    return root.resolve(".upload-secret");
  }

  Path object(String key) {
    return objects.resolve(key);
  }

  Path objectMeta(String key) {
    return meta.resolve(key);
  }

  Path uploadDir(String uploadId) {
    return uploads.resolve(uploadId);
  }

  Path uploadRecord(String uploadId) {
    return uploadDir(uploadId).resolve("upload.json");
  }

  Path part(String uploadId, int partNumber) {
    return uploadDir(uploadId).resolve(String.format("part-%05d", partNumber));
  }

  Path partRecord(String uploadId, int partNumber) {
    return uploadDir(uploadId).resolve(String.format("part-%05d.json", partNumber));
  }

  Path newTempFile(String prefix) throws IOException {
    return Files.createTempFile(tmp, prefix, ".tmp");
  }

  /**
   * Renames {@code source} onto {@code target} atomically, replacing it, creating parent
   * directories; retries when a concurrent delete pruned a freshly created parent.
   */
  static void moveAtomically(Path source, Path target) throws IOException {
    for (int attempt = 1; ; attempt++) {
      Files.createDirectories(target.getParent());
      try {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return;
      } catch (NoSuchFileException e) {
        if (attempt == MOVE_ATTEMPTS || !Files.exists(source)) {
          throw e;
        }
      }
    }
  }

  /** Writes {@code value} as JSON to a temp file and renames it onto {@code target}. */
  void writeJson(Path target, Object value) throws IOException {
    Path tmpFile = newTempFile("json-");
    try {
      Sidecars.JSON.writeValue(tmpFile.toFile(), value);
      moveAtomically(tmpFile, target);
    } finally {
      Files.deleteIfExists(tmpFile);
    }
  }

  /** The JSON record in {@code file}, or empty if there is none. */
  static <T> Optional<T> readJson(Path file, Class<T> type) throws IOException {
    try {
      return Optional.of(Sidecars.JSON.readValue(Files.readAllBytes(file), type));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * The keys of the objects whose key starts with {@code prefix}, unsorted. Walks only the
   * deepest directory the prefix names; objects deleted during the walk are skipped.
   */
  List<String> objectKeysUnder(String prefix) throws IOException {
    String dirPart = prefix.substring(0, prefix.lastIndexOf('/') + 1);
    Path start = dirPart.isEmpty() ? objects : objects.resolve(dirPart);
    List<String> keys = new ArrayList<>();
    if (!Files.isDirectory(start)) {
      return keys;
    }
    Files.walkFileTree(
        start,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile()) {
              String key = toKey(file);
              if (key.startsWith(prefix)) {
                keys.add(key);
              }
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }
        });
    return keys;
  }

  private String toKey(Path objectFile) {
    StringBuilder key = new StringBuilder();
    for (Path name : objects.relativize(objectFile)) {
      if (key.length() > 0) {
        key.append('/');
      }
      key.append(name);
    }
    return key.toString();
  }

  /** Removes the now empty directories between {@code deletedFile} and {@code stopAt} (exclusive). */
  static void pruneEmptyParents(Path deletedFile, Path stopAt) {
    for (Path dir = deletedFile.getParent(); dir != null && !dir.equals(stopAt) && dir.startsWith(stopAt);
        dir = dir.getParent()) {
      try {
        Files.delete(dir);
      } catch (IOException e) {
        return; // not empty (DirectoryNotEmptyException), already gone, or not ours to remove
      }
    }
  }

  /** Deletes {@code dir} and everything in it; a missing directory is fine. */
  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) {
              throw e;
            }
            Files.deleteIfExists(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** Deletes staging files untouched for {@code age}: leftovers of a crash or a killed upload. */
  void sweepTemp(Duration age, Instant now) throws IOException {
    Instant cutoff = now.minus(age);
    try (Stream<Path> files = Files.list(tmp)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        try {
          if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
            Files.deleteIfExists(file);
          }
        } catch (NoSuchFileException e) {
          // gone already
        }
      }
    }
  }
}
