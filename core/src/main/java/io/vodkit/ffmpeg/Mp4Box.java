package io.vodkit.ffmpeg;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One ISO-BMFF box read from a buffer: its four-character type and its payload (after the size
 * and type header, including the {@code largesize} form; size 0 runs to the end of the buffer).
 *
 * @param type the four-character code, e.g. {@code moof}
 * @param body the payload, a slice of the buffer read from
 */
record Mp4Box(String type, ByteBuffer body) {
  /**
   * Reads the box at the buffer's position and advances past it, or empty when fewer than 8 bytes
   * remain.
   *
   * @throws IOException when the box's declared size does not fit the buffer
   */
  static Optional<Mp4Box> next(ByteBuffer in) throws IOException {
    if (in.remaining() < 8) {
      return Optional.empty();
    }
    long size = in.getInt() & 0xffffffffL;
    byte[] fourcc = new byte[4];
    in.get(fourcc);
    String type = new String(fourcc, StandardCharsets.ISO_8859_1);
    int header = 8;
    if (size == 1) {
      if (in.remaining() < 8) {
        throw new IOException("box '" + type + "' is truncated in its largesize");
      }
      size = in.getLong();
      header = 16;
    } else if (size == 0) {
      size = header + (long) in.remaining();
    }
    if (size < header || size - header > in.remaining()) {
      throw new IOException("box '" + type + "' has a bad size " + size);
    }
    int bodySize = (int) (size - header);
    ByteBuffer body = in.slice(in.position(), bodySize);
    in.position(in.position() + bodySize);
    return Optional.of(new Mp4Box(type, body));
  }

  /** The first child of {@code type} among the boxes in {@code boxes} (from its position). */
  static Optional<ByteBuffer> child(ByteBuffer boxes, String type) throws IOException {
    ByteBuffer in = boxes.duplicate();
    Optional<Mp4Box> box;
    while ((box = next(in)).isPresent()) {
      if (box.get().type().equals(type)) {
        return Optional.of(box.get().body());
      }
    }
    return Optional.empty();
  }

  /** Follows a path of first children, e.g. {@code moov, trak, mdia, mdhd}. */
  static Optional<ByteBuffer> path(ByteBuffer boxes, String... types) throws IOException {
    Optional<ByteBuffer> at = Optional.of(boxes);
    for (String t : types) {
      if (at.isEmpty()) {
        return at;
      }
      at = child(at.get(), t);
    }
    return at;
  }
}
