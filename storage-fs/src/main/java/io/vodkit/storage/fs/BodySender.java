package io.vodkit.storage.fs;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads a byte range of a file for a response body: small bodies whole, to go out with the
 * headers in one write; larger ones memory-mapped ({@link #map}), so the socket write copies
 * straight from the page cache with no copy through the Java heap — the closest to {@code
 * sendfile} Jetty's buffer API allows. While the {@link Throttle} is on, bodies go out in {@value
 * Throttle#CHUNK_BYTES}-byte chunks, each waiting for its slot. Thread-safe.
 *
 * <p>Mapping is safe here because storage never changes a file in place: every write renames a
 * new file over the key, so a mapped (old) file is never truncated under the mapping.
 */
final class BodySender {
  /** Chunk size when not throttled. */
  static final int BUFFER_BYTES = 256 * 1024;

  private final Throttle throttle;

  BodySender(Throttle throttle) {
    this.throttle = throttle;
  }

  Throttle throttle() {
    return throttle;
  }

  /** Whether a body of {@code length} bytes goes out in one write: small, and no throttle. */
  boolean fitsOneWrite(long length) {
    return length <= OriginCache.MAX_BODY_BYTES && !throttle.isOn();
  }

  /** Whether a body of {@code length} bytes is sent from a memory mapping: large, and no throttle. */
  boolean canMap(long length) {
    return length > OriginCache.MAX_BODY_BYTES && length <= Integer.MAX_VALUE && !throttle.isOn();
  }

  /** A read-only mapping of {@code length} bytes of {@code file} from {@code position}. */
  ByteBuffer map(FileChannel file, long position, long length) throws IOException {
    if (position + length > file.size()) {
      throw new EOFException("file has " + file.size() + " bytes, not " + (position + length));
    }
    return file.map(FileChannel.MapMode.READ_ONLY, position, length);
  }

  /** Reads exactly {@code length} bytes of {@code file} from {@code position}. */
  ByteBuffer read(FileChannel file, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (file.read(buffer, position + buffer.position()) < 0) {
        throw new EOFException("file ended " + buffer.remaining() + " bytes early");
      }
    }
    return buffer.flip();
  }

  /** Sends the remaining bytes of {@code bytes} in chunks, paced by the throttle. */
  void send(ByteBuffer bytes, OutputStream body) throws IOException {
    int chunk = throttle.isOn() ? Throttle.CHUNK_BYTES : BUFFER_BYTES;
    while (bytes.hasRemaining()) {
      int n = Math.min(chunk, bytes.remaining());
      throttle.acquire(n);
      body.write(bytes.array(), bytes.arrayOffset() + bytes.position(), n);
      bytes.position(bytes.position() + n);
    }
  }

  /** Sends {@code length} bytes of {@code file} from {@code position}; fails if the file is shorter. */
  void send(FileChannel file, long position, long length, OutputStream body) throws IOException {
    int chunk = throttle.isOn() ? Throttle.CHUNK_BYTES : BUFFER_BYTES;
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(chunk, Math.max(length, 1)));
    long pos = position;
    long remaining = length;
    while (remaining > 0) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
      int n = file.read(buffer, pos);
      if (n < 0) {
        throw new EOFException("file ended " + remaining + " bytes early");
      }
      throttle.acquire(n);
      body.write(buffer.array(), 0, n);
      pos += n;
      remaining -= n;
    }
  }
}
