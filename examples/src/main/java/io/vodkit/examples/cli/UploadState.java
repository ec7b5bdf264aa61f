package io.vodkit.examples.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The resume file of one upload ({@code FILE.vodkit-upload.json} by default): which video and
 * multipart upload the file goes to, the part size, the file's size and modification time when the
 * upload started, and every part stored so far with its ETag. Rewritten atomically (temp file +
 * rename) after each stored part, so a killed upload leaves a readable file behind.
 *
 * <p>Thread-safe: parallel part senders record into one instance.
 */
final class UploadState {
  /** Format version written to the file. */
  static final int VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path path;
  private final Json fixed;
  private final TreeMap<Integer, String> parts = new TreeMap<>();

  private UploadState(Path path, Json fixed) {
    this.path = path;
    this.fixed = fixed;
    for (Part p : fixed.parts()) {
      parts.put(p.partNumber(), p.etag());
    }
  }

  /** The state of a new upload, written to {@code path} at once. */
  static UploadState begin(Path path, Path file, FileStamp stamp, String videoId, String uploadId, long partSizeBytes)
      throws IOException {
    Json json =
        new Json(VERSION, file.toAbsolutePath().normalize().toString(), videoId, uploadId, partSizeBytes,
            stamp.sizeBytes(), stamp.modifiedMillis(), List.of());
    UploadState state = new UploadState(path, json);
    state.write();
    return state;
  }

  /** The state in {@code path}, or empty if there is none; USAGE failure if it cannot be read. */
  static Optional<UploadState> load(Path path) throws CliFailure {
    if (!Files.exists(path)) {
      return Optional.empty();
    }
    try {
      Json json = JSON.readValue(path.toFile(), Json.class);
      if (json.version() != VERSION || json.videoId() == null || json.uploadId() == null) {
        throw new CliFailure(ExitCodes.USAGE, "the state file " + path + " is not a vodkit upload state (version "
            + json.version() + "); delete it to start over");
      }
      return Optional.of(new UploadState(path, json));
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.USAGE, "cannot read the state file " + path + " (" + e.getMessage()
          + "); delete it to start over", e);
    }
  }

  Path path() {
    return path;
  }

  /** Absolute path of the file being uploaded. */
  String file() {
    return fixed.file();
  }

  String videoId() {
    return fixed.videoId();
  }

  String uploadId() {
    return fixed.uploadId();
  }

  long partSizeBytes() {
    return fixed.partSizeBytes();
  }

  /** The file's size and modification time when the upload started. */
  FileStamp stamp() {
    return new FileStamp(fixed.fileSizeBytes(), fixed.fileModifiedMillis());
  }

  /** Parts recorded as stored, by part number. */
  synchronized Map<Integer, String> parts() {
    return new TreeMap<>(parts);
  }

  /** Records a stored part and rewrites the file. */
  synchronized void recordPart(int partNumber, String etag) throws IOException {
    parts.put(partNumber, etag);
    write();
  }

  /** Removes the file (after the upload completed). */
  void delete() throws IOException {
    Files.deleteIfExists(path);
  }

  private synchronized void write() throws IOException {
    List<Part> list = new ArrayList<>();
    parts.forEach((n, etag) -> list.add(new Part(n, etag)));
    Json json =
        new Json(VERSION, fixed.file(), fixed.videoId(), fixed.uploadId(), fixed.partSizeBytes(),
            fixed.fileSizeBytes(), fixed.fileModifiedMillis(), list);
    Path dir = path.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, "." + path.getFileName(), ".tmp");
    try {
      Files.write(tmp, serialize(json));
      try {
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static byte[] serialize(Json json) throws JsonProcessingException {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
  }

  /** The file's JSON shape. */
  record Json(
      @JsonProperty("version") int version,
      @JsonProperty("file") String file,
      @JsonProperty("video_id") String videoId,
      @JsonProperty("upload_id") String uploadId,
      @JsonProperty("part_size_bytes") long partSizeBytes,
      @JsonProperty("file_size_bytes") long fileSizeBytes,
      @JsonProperty("file_modified_ms") long fileModifiedMillis,
      @JsonProperty("parts") List<Part> parts) {
    Json {
      parts = parts == null ? List.of() : List.copyOf(parts);
    }
  }

  /** One stored part. */
  record Part(@JsonProperty("part_number") int partNumber, @JsonProperty("etag") String etag) {}
}
