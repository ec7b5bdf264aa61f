package io.vodkit.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Upload bytes for tests about moving a file, not about its media: they start with an ISO BMFF
 * {@code ftyp} box, so the upload screen ({@code Transcoder.screen}) lets them through as a
 * possible MP4 (a worker's probe would still reject them). Shared through core's test-jar.
 */
public final class SourceBytes {
  /** A 16-byte {@code ftyp} box (brand {@code isom}). */
  private static final byte[] FTYP = {0, 0, 0, 16, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0};

  private SourceBytes() {}

  /** {@code size} (at least 8) random bytes seeded by {@code seed}, behind the box (cut to fit). */
  public static byte[] random(int size, long seed) {
    if (size < 8) {
      throw new IllegalArgumentException("the screen needs at least 8 bytes, asked for " + size);
    }
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    System.arraycopy(FTYP, 0, bytes, 0, Math.min(size, FTYP.length));
    return bytes;
  }

  /** {@code payload} behind the box. */
  public static byte[] around(byte[] payload) {
    byte[] bytes = new byte[FTYP.length + payload.length];
    System.arraycopy(FTYP, 0, bytes, 0, FTYP.length);
    System.arraycopy(payload, 0, bytes, FTYP.length, payload.length);
    return bytes;
  }

  /** Writes {@link #random random(size, size)} to {@code file} and returns it. */
  public static Path randomFile(Path file, int size) throws IOException {
    return Files.write(file, random(size, size));
  }
}
