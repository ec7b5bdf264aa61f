package io.vodkit.storage.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Bytes written to a temp file in the storage's own file system (so they can be moved into place
 * atomically), with their length and MD5 computed on the way. Closing deletes the temp file if it
 * was not moved away; a staged file is used by one thread.
 */
final class StagedFile implements AutoCloseable {
  static final int BUFFER_BYTES = 64 * 1024;

  private final Path path;
  private final long sizeBytes;
  private final byte[] md5;

  private StagedFile(Path path, long sizeBytes, byte[] md5) {
    this.path = path;
    this.sizeBytes = sizeBytes;
    this.md5 = md5;
  }

  /**
   * Copies {@code in} into a new temp file under {@code tmpDir} through a fixed 64 KiB buffer.
   * With {@code expectedBytes >= 0} reads exactly that many bytes and fails if the stream ends
   * sooner; with {@code -1} reads to the end. Write failures are plain {@link IOException}s and
   * read failures {@link IncompleteBodyException}s; either way nothing is left behind.
   */
  static StagedFile copy(InputStream in, long expectedBytes, Path tmpDir) throws IOException {
    Path tmp = Files.createTempFile(tmpDir, "stage-", ".tmp");
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      MessageDigest md5 = newMd5();
      byte[] buffer = new byte[BUFFER_BYTES];
      long total = 0;
      while (expectedBytes < 0 || total < expectedBytes) {
        int want = expectedBytes < 0 ? buffer.length : (int) Math.min(buffer.length, expectedBytes - total);
        int n = read(in, buffer, want, total, expectedBytes);
        if (n < 0) {
          if (expectedBytes >= 0) {
            throw new IncompleteBodyException(
                "the body ended after " + total + " of " + expectedBytes + " bytes", null);
          }
          break;
        }
        md5.update(buffer, 0, n);
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
        while (chunk.hasRemaining()) {
          out.write(chunk);
        }
        total += n;
      }
      out.force(true);
      return new StagedFile(tmp, total, md5.digest());
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  /**
   * Wraps an already written temp file (assembled parts) of {@code sizeBytes}; its content MD5 is
   * not known, so {@link #md5()} must not be used.
   */
  static StagedFile of(Path path, long sizeBytes) {
    return new StagedFile(path, sizeBytes, null);
  }

  private static int read(InputStream in, byte[] buffer, int want, long total, long expected)
      throws IncompleteBodyException {
    try {
      return in.read(buffer, 0, want);
    } catch (IOException e) {
      String of = expected < 0 ? "" : " of " + expected;
      throw new IncompleteBodyException(
          "reading the body failed after " + total + of + " bytes: " + e.getMessage(), e);
    }
  }

  /** The MD5 of {@code file}'s bytes. */
  static byte[] md5Of(Path file) throws IOException {
    MessageDigest md5 = newMd5();
    byte[] buffer = new byte[BUFFER_BYTES];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        md5.update(buffer, 0, n);
      }
    }
    return md5.digest();
  }

  static MessageDigest newMd5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is unavailable", e);
    }
  }

  Path path() {
    return path;
  }

  long sizeBytes() {
    return sizeBytes;
  }

  byte[] md5() {
    return md5.clone();
  }

  String md5Hex() {
    return HexFormat.of().formatHex(md5);
  }

  /** Deletes the temp file if it is still there. */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // a leftover temp file is swept at the next start
    }
  }
}
