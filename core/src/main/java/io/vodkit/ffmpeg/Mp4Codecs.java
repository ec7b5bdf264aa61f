package io.vodkit.ffmpeg;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the RFC 6381 {@code CODECS} string of the first track of an ISO-BMFF file (a CMAF {@code
 * init.mp4}) from its sample entry: {@code avc1}/{@code avc3} from {@code avcC}, {@code hvc1}/
 * {@code hev1} from {@code hvcC} (ISO/IEC 14496-15 Annex E) and {@code mp4a} from {@code esds}.
 *
 * <p>A small, allocation-light box walker over the whole file held in memory; init segments are a
 * few kilobytes. Stateless and thread-safe.
 */
final class Mp4Codecs {
  /** Init segments are tiny; refuse to load anything absurd. */
  static final int MAX_INIT_BYTES = 4 * 1024 * 1024;

  private static final Set<String> CONTAINERS =
      Set.of("moov", "trak", "mdia", "minf", "stbl");

  private Mp4Codecs() {}

  /** The codecs string of the first track in {@code initSegment}. */
  static String codecs(Path initSegment) throws IOException {
    long size = Files.size(initSegment);
    if (size > MAX_INIT_BYTES) {
      throw new IOException(initSegment + " is too large for an init segment: " + size + " bytes");
    }
    return codecs(Files.readAllBytes(initSegment));
  }

  /**
   * The codecs string of the first track in an ISO-BMFF file held in {@code file}.
   *
   * @throws IOException when there is no sample description or the codec is not one we describe
   */
  static String codecs(byte[] file) throws IOException {
    ByteBuffer stsd =
        find(ByteBuffer.wrap(file), "stsd")
            .orElseThrow(() -> new IOException("no sample description (moov/trak/…/stsd) found"));
    // FullBox header (version + flags) and entry_count, then the first SampleEntry box.
    skip(stsd, 8);
    Mp4Box entry = Mp4Box.next(stsd).orElseThrow(() -> new IOException("empty sample description"));
    ByteBuffer body = entry.body();
    switch (entry.type()) {
      case "avc1", "avc3" -> {
        return entry.type() + "." + avc(child(visualChildren(body), "avcC"));
      }
      case "hvc1", "hev1" -> {
        return entry.type() + "." + hevc(child(visualChildren(body), "hvcC"));
      }
      case "mp4a" -> {
        return "mp4a." + mp4a(child(audioChildren(body), "esds"));
      }
      default -> throw new IOException("unsupported sample entry '" + entry.type() + "'");
    }
  }

  /** avcC → {@code PPCCLL}: profile_idc, constraint flags, level_idc as two hex digits each. */
  private static String avc(ByteBuffer avcC) throws IOException {
    need(avcC, 4, "avcC");
    int profile = u8(avcC, 1);
    int constraints = u8(avcC, 2);
    int level = u8(avcC, 3);
    return String.format(Locale.ROOT, "%02x%02x%02x", profile, constraints, level);
  }

  /**
   * hvcC → {@code [A|B|C]profile.compat.(L|H)level[.constraint…]}: profile space letter and
   * profile_idc, the 32 compatibility flags in reverse bit order as hex, tier and level_idc, then
   * the six constraint-indicator bytes as hex with trailing zero bytes omitted.
   */
  private static String hevc(ByteBuffer hvcC) throws IOException {
    need(hvcC, 13, "hvcC");
    int b = u8(hvcC, 1);
    int profileSpace = b >> 6;
    boolean highTier = (b & 0x20) != 0;
    int profileIdc = b & 0x1f;
    int compat = hvcC.getInt(hvcC.position() + 2);
    StringBuilder out = new StringBuilder();
    if (profileSpace > 0) {
      out.append((char) ('A' + profileSpace - 1));
    }
    out.append(profileIdc).append('.');
    out.append(Integer.toHexString(Integer.reverse(compat)).toUpperCase(Locale.ROOT));
    out.append('.').append(highTier ? 'H' : 'L').append(u8(hvcC, 12));
    int last = 5;
    while (last >= 0 && u8(hvcC, 6 + last) == 0) {
      last--;
    }
    for (int i = 0; i <= last; i++) {
      out.append('.').append(String.format(Locale.ROOT, "%02X", u8(hvcC, 6 + i)));
    }
    return out.toString();
  }

  /**
   * esds → {@code OTI[.audioObjectType]}: the DecoderConfigDescriptor's objectTypeIndication as
   * hex and, for MPEG-4 audio (0x40), the audio object type from the AudioSpecificConfig.
   */
  private static String mp4a(ByteBuffer esds) throws IOException {
    skip(esds, 4); // FullBox version + flags
    ByteBuffer es = descriptor(esds, 0x03);
    skip(es, 2); // ES_ID
    int flags = u8next(es);
    if ((flags & 0x80) != 0) {
      skip(es, 2); // dependsOn_ES_ID
    }
    if ((flags & 0x40) != 0) {
      skip(es, u8next(es)); // URL
    }
    if ((flags & 0x20) != 0) {
      skip(es, 2); // OCR_ES_Id
    }
    ByteBuffer config = descriptor(es, 0x04);
    int oti = u8next(config);
    skip(config, 12); // streamType/upStream/reserved, bufferSizeDB, maxBitrate, avgBitrate
    String head = String.format(Locale.ROOT, "%02X", oti);
    if (oti != 0x40) {
      return head;
    }
    ByteBuffer asc = descriptor(config, 0x05);
    need(asc, 1, "AudioSpecificConfig");
    int first = u8next(asc);
    int aot = first >> 3;
    if (aot == 31) {
      need(asc, 1, "AudioSpecificConfig");
      aot = 32 + (((first & 0x07) << 3) | (u8next(asc) >> 5));
    }
    return head + "." + aot;
  }

  /** Reads one MPEG-4 descriptor with {@code tag} and returns its payload. */
  private static ByteBuffer descriptor(ByteBuffer in, int tag) throws IOException {
    need(in, 2, "descriptor");
    int actual = u8next(in);
    if (actual != tag) {
      throw new IOException(String.format(Locale.ROOT, "expected descriptor 0x%02x, found 0x%02x", tag, actual));
    }
    int size = 0;
    for (int i = 0; i < 4; i++) {
      int b = u8next(in);
      size = (size << 7) | (b & 0x7f);
      if ((b & 0x80) == 0) {
        break;
      }
    }
    need(in, size, "descriptor payload");
    ByteBuffer payload = in.slice(in.position(), size);
    skip(in, size);
    return payload;
  }

  /** Children of a VisualSampleEntry start after its 78 fixed bytes. */
  private static ByteBuffer visualChildren(ByteBuffer entry) throws IOException {
    skip(entry, 78);
    return entry;
  }

  /** Children of an AudioSampleEntry start after 28 fixed bytes (+16/+36 for QuickTime v1/v2). */
  private static ByteBuffer audioChildren(ByteBuffer entry) throws IOException {
    need(entry, 28, "audio sample entry");
    int version = entry.getShort(entry.position() + 8) & 0xffff;
    skip(entry, 28 + (version == 1 ? 16 : version == 2 ? 36 : 0));
    return entry;
  }

  private static ByteBuffer child(ByteBuffer boxes, String type) throws IOException {
    Optional<Mp4Box> box;
    while ((box = Mp4Box.next(boxes)).isPresent()) {
      if (box.get().type().equals(type)) {
        return box.get().body();
      }
    }
    throw new IOException("no '" + type + "' box in the sample entry");
  }

  /** Depth-first search for the first {@code type} box through the track container boxes. */
  private static Optional<ByteBuffer> find(ByteBuffer boxes, String type) throws IOException {
    Optional<Mp4Box> box;
    while ((box = Mp4Box.next(boxes)).isPresent()) {
      if (box.get().type().equals(type)) {
        return Optional.of(box.get().body());
      }
      if (CONTAINERS.contains(box.get().type())) {
        Optional<ByteBuffer> inner = find(box.get().body(), type);
        if (inner.isPresent()) {
          return inner;
        }
      }
    }
    return Optional.empty();
  }

  private static int u8(ByteBuffer b, int offset) {
    return b.get(b.position() + offset) & 0xff;
  }

  private static int u8next(ByteBuffer b) throws IOException {
    need(b, 1, "byte");
    return b.get() & 0xff;
  }

  private static void skip(ByteBuffer b, int n) throws IOException {
    need(b, n, "field");
    b.position(b.position() + n);
  }

  private static void need(ByteBuffer b, int n, String what) throws IOException {
    if (n < 0 || b.remaining() < n) {
      throw new IOException("truncated " + what + ": need " + n + " bytes, have " + b.remaining());
    }
  }
}
