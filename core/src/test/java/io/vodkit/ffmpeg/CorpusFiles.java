package io.vodkit.ffmpeg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Hand-crafted hostile files for {@link MediaCorpusTest}: bytes written directly, no big images allocated. */
final class CorpusFiles {
  private static final Set<String> MP4_CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "dinf", "stbl", "edts");

  private CorpusFiles() {}

  /**
   * A PNG whose header claims {@code width × height} (RGB, 8 bit) followed by a few compressed
   * rows: a few hundred bytes whatever it claims.
   */
  static Path png(Path file, int width, int height) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2);
    chunk(out, "IHDR", ihdr.put((byte) 0).put((byte) 0).put((byte) 0).array());
    Deflater deflater = new Deflater();
    deflater.setInput(new byte[4 * 1024]); // four rows' worth of zeros, nowhere near a whole picture
    deflater.finish();
    byte[] buf = new byte[1024];
    int n = deflater.deflate(buf);
    deflater.end();
    chunk(out, "IDAT", java.util.Arrays.copyOf(buf, n));
    chunk(out, "IEND", new byte[0]);
    return Files.write(file, out.toByteArray());
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.write(ByteBuffer.allocate(4).putInt(data.length).array());
    out.write(t);
    out.write(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  /**
   * A copy of an MP4 (moov at the end, version-0 boxes) whose movie header ({@code mvhd}) claims
   * {@code seconds}: the media stays as long as it was.
   */
  static Path mp4WithForgedDuration(Path source, Path target, long seconds) throws IOException {
    byte[] b = Files.readAllBytes(source);
    ByteBuffer buf = ByteBuffer.wrap(b);
    forgeMvhd(buf, 0, b.length, seconds);
    return Files.write(target, b);
  }

  private static void forgeMvhd(ByteBuffer buf, int from, int to, long seconds) {
    int off = from;
    while (off + 8 <= to) {
      int size = buf.getInt(off);
      String type = new String(buf.array(), off + 4, 4, StandardCharsets.US_ASCII);
      if (size < 8) {
        return;
      }
      if (MP4_CONTAINERS.contains(type)) {
        forgeMvhd(buf, off + 8, off + size, seconds);
      } else if (type.equals("mvhd") && buf.get(off + 8) == 0) {
        int timescale = buf.getInt(off + 20);
        buf.putInt(off + 24, (int) (timescale * seconds));
      }
      off += size;
    }
  }

  /** A copy of a Matroska file whose Segment Info {@code Duration} (ID 0x4489, float64 ms) claims {@code seconds}. */
  static Path mkvWithForgedDuration(Path source, Path target, long seconds) throws IOException {
    byte[] b = Files.readAllBytes(source);
    for (int i = 0; i + 11 <= b.length; i++) {
      if ((b[i] & 0xff) == 0x44 && (b[i + 1] & 0xff) == 0x89 && (b[i + 2] & 0xff) == 0x88) {
        ByteBuffer.wrap(b, i + 3, 8).putDouble(seconds * 1000.0);
        return Files.write(target, b);
      }
    }
    throw new IOException("no Duration element in " + source);
  }

  /**
   * A copy of an MP4 (moov at the end) whose data reference box says the media lives in {@code
   * elsewhere}: the {@code dref}'s {@code url } entry is replaced by a Macintosh alias ({@code
   * alis}) with that absolute path, which ffmpeg's mov demuxer would open with {@code
   * enable_drefs=1}.
   */
  static Path mp4WithExternalDataReference(Path source, Path target, Path elsewhere) throws IOException {
    byte[] b = Files.readAllBytes(source);
    return Files.write(target, rebuild(b, 0, b.length, alias(elsewhere.toAbsolutePath().toString())));
  }

  private static byte[] rebuild(byte[] b, int from, int to, byte[] dref) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer buf = ByteBuffer.wrap(b);
    int off = from;
    while (off + 8 <= to) {
      int size = buf.getInt(off);
      String type = new String(b, off + 4, 4, StandardCharsets.US_ASCII);
      byte[] payload;
      if (MP4_CONTAINERS.contains(type)) {
        payload = rebuild(b, off + 8, off + size, dref);
      } else if (type.equals("dref")) {
        payload = ByteBuffer.allocate(8 + dref.length).putInt(0).putInt(1).put(dref).array();
      } else {
        payload = java.util.Arrays.copyOfRange(b, off + 8, off + size);
      }
      out.writeBytes(ByteBuffer.allocate(8).putInt(payload.length + 8).put(b, off + 4, 4).array());
      out.writeBytes(payload);
      off += size;
    }
    return out.toByteArray();
  }

  /** An {@code alis} data reference entry, laid out as ffmpeg's {@code mov_read_dref} reads it. */
  private static byte[] alias(String path) {
    byte[] p = path.getBytes(StandardCharsets.UTF_8);
    int padded = p.length + (p.length & 1);
    // 10 skipped, volume length + 27, 12 skipped, file name length + 63, 16 skipped,
    // nlvl_from/nlvl_to, 16 skipped, then (type, length, value) records ended by type -1
    ByteBuffer body = ByteBuffer.allocate(10 + 28 + 12 + 64 + 16 + 4 + 16 + 4 + padded + 4);
    body.position(10 + 28 + 12 + 64 + 16);
    body.putShort((short) -1).putShort((short) -1);
    body.position(body.position() + 16);
    body.putShort((short) 2).putShort((short) p.length).put(p);
    body.position(body.position() + (padded - p.length));
    body.putShort((short) -1).putShort((short) 0);
    byte[] bytes = body.array();
    return ByteBuffer.allocate(12 + bytes.length)
        .putInt(12 + bytes.length).put("alis".getBytes(StandardCharsets.US_ASCII)).putInt(0).put(bytes).array();
  }
}
