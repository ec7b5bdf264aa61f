package io.vodkit.ffmpeg;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tells from the first bytes of a file whether it can be one of the containers ffmpeg may open
 * here ({@link InputGuards#FORMAT_WHITELIST}), the way those demuxers' own probes recognize them,
 * so a text file, an image or a playlist is refused when its upload completes instead of after a
 * queued job. Conservative: "cannot be" only when no whitelisted demuxer would claim the bytes; a
 * file that passes may still be rejected by the full probe. Stateless.
 */
public final class ContainerSniffer {
  /** The container families of the whitelist, each with the demuxers that read it. */
  enum Family {
    ISO_BMFF(List.of("mov", "mp4", "m4a", "3gp", "3g2", "mj2")),
    MATROSKA(List.of("matroska", "webm")),
    AVI(List.of("avi")),
    MPEG_TS(List.of("mpegts")),
    FLV(List.of("flv")),
    MXF(List.of("mxf")),
    OGG(List.of("ogg"));

    final List<String> demuxers;

    Family(List<String> demuxers) {
      this.demuxers = demuxers;
    }
  }

  /** Box types mov's probe recognizes at the top level of an ISO BMFF / QuickTime file. */
  private static final Set<String> TOP_LEVEL_BOXES =
      Set.of(
          "ftyp", "moov", "mdat", "pnot", "udta", "wide", "free", "junk", "pict", "skip", "uuid",
          "prfl", "moof", "styp", "sidx", "meta", "pdin", "jP  ");

  /** MXF's partition pack key, up to the byte that varies (ffmpeg's mxf probe scans for it). */
  private static final byte[] MXF_PARTITION_KEY = {
    0x06, 0x0e, 0x2b, 0x34, 0x02, 0x05, 0x01, 0x01, 0x0d, 0x01, 0x02, 0x01, 0x01
  };

  private static final int TS_SYNC = 0x47;
  private static final int[] TS_PACKET_SIZES = {188, 192, 204};
  /** Consecutive sync bytes an MPEG-TS needs in the bytes at hand (fewer if the file is shorter). */
  private static final int TS_PACKETS_REQUIRED = 8;

  private ContainerSniffer() {}

  /**
   * Why {@code head}, the first bytes of a file, cannot be a video vodkit accepts; empty when a
   * whitelisted demuxer could read it.
   */
  public static Optional<String> rejection(byte[] head) {
    if (family(head).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(
        "the file is " + describe(head) + ", not a video in a container vodkit accepts (MP4/MOV, "
            + "Matroska/WebM, AVI, MPEG-TS, FLV, MXF or Ogg)");
  }

  /** The whitelisted family whose probe claims {@code head}, if any. */
  static Optional<Family> family(byte[] head) {
    if (isIsoBmff(head)) {
      return Optional.of(Family.ISO_BMFF);
    }
    if (startsWith(head, 0, new byte[] {0x1a, 0x45, (byte) 0xdf, (byte) 0xa3})) {
      return Optional.of(Family.MATROSKA);
    }
    if (isAvi(head)) {
      return Optional.of(Family.AVI);
    }
    if (startsWith(head, 0, ascii("FLV")) && head.length > 3 && head[3] == 1) {
      return Optional.of(Family.FLV);
    }
    if (startsWith(head, 0, ascii("OggS"))) {
      return Optional.of(Family.OGG);
    }
    if (indexOf(head, MXF_PARTITION_KEY) >= 0) {
      return Optional.of(Family.MXF);
    }
    if (isMpegTs(head)) {
      return Optional.of(Family.MPEG_TS);
    }
    return Optional.empty();
  }

  /** Walks top-level boxes (32- or 64-bit sizes) until one has a type mov's probe knows. */
  private static boolean isIsoBmff(byte[] head) {
    long offset = 0;
    while (offset + 8 <= head.length) {
      int at = (int) offset;
      long size = readUint32(head, at);
      String type = new String(head, at + 4, 4, StandardCharsets.ISO_8859_1);
      if (TOP_LEVEL_BOXES.contains(type)) {
        return true;
      }
      if (!isPrintable(type)) {
        return false;
      }
      if (size == 1) {
        if (at + 16 > head.length) {
          return false;
        }
        size = (readUint32(head, at + 8) << 32) | readUint32(head, at + 12);
      }
      if (size < 8) {
        return false; // 0 ("to the end") with an unknown type, or a broken size
      }
      offset += size;
    }
    return false;
  }

  private static boolean isAvi(byte[] head) {
    boolean riff = startsWith(head, 0, ascii("RIFF")) || startsWith(head, 0, ascii("RF64"))
        || startsWith(head, 0, ascii("ON2 "));
    if (!riff || head.length < 12) {
      return false;
    }
    String form = new String(head, 8, 4, StandardCharsets.ISO_8859_1);
    return form.equals("AVI ") || form.equals("AVIX") || form.equals("AVI\u0019")
        || form.equals("ON2f") || form.equals("AMV ");
  }

  /** Sync bytes at a fixed packet size from some offset within the first packet. */
  private static boolean isMpegTs(byte[] head) {
    for (int size : TS_PACKET_SIZES) {
      int packets = Math.min(TS_PACKETS_REQUIRED, head.length / size);
      if (packets < 1) {
        continue;
      }
      for (int start = 0; start < size && start + (packets - 1) * size < head.length; start++) {
        boolean all = true;
        for (int k = 0; k < packets && all; k++) {
          all = (head[start + k * size] & 0xff) == TS_SYNC;
        }
        if (all && (packets > 1 || start == 0)) {
          return true;
        }
      }
    }
    return false;
  }

  /** What the bytes look like, for the error message. */
  static String describe(byte[] head) {
    if (head.length == 0) {
      return "empty";
    }
    String text = new String(head, 0, Math.min(head.length, 64), StandardCharsets.ISO_8859_1).stripLeading();
    if (text.startsWith("#EXTM3U")) {
      return "an HLS playlist";
    }
    if (text.startsWith("ffconcat")) {
      return "an ffmpeg concat list";
    }
    if (text.startsWith("<?xml") || text.startsWith("<")) {
      return text.contains("<MPD") ? "a DASH manifest" : "an XML or HTML document";
    }
    if (startsWith(head, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G'})) {
      return "a PNG image";
    }
    if (startsWith(head, 0, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})) {
      return "a JPEG image";
    }
    if (startsWith(head, 0, ascii("GIF8"))) {
      return "a GIF image";
    }
    if (startsWith(head, 0, ascii("RIFF")) && head.length >= 12) {
      return "a RIFF file of type '" + new String(head, 8, 4, StandardCharsets.ISO_8859_1).strip() + "'";
    }
    if (startsWith(head, 0, ascii("%PDF"))) {
      return "a PDF document";
    }
    if (startsWith(head, 0, ascii("PK\u0003\u0004"))) {
      return "a ZIP archive";
    }
    if (startsWith(head, 0, ascii("ID3"))) {
      return "an MP3 audio file";
    }
    if (looksLikeText(head)) {
      return "a text file";
    }
    return "unrecognized data (first bytes "
        + HexFormat.of().formatHex(head, 0, Math.min(head.length, 8)) + ")";
  }

  private static boolean looksLikeText(byte[] head) {
    int n = Math.min(head.length, 512);
    for (int i = 0; i < n; i++) {
      int b = head[i] & 0xff;
      if (b < 0x09 || (b > 0x0d && b < 0x20) || b == 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPrintable(String type) {
    for (int i = 0; i < type.length(); i++) {
      char c = type.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  private static long readUint32(byte[] b, int at) {
    return ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xffL) << 16) | ((b[at + 2] & 0xffL) << 8) | (b[at + 3] & 0xffL);
  }

  private static boolean startsWith(byte[] head, int at, byte[] prefix) {
    if (head.length < at + prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (head[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] head, byte[] needle) {
    for (int i = 0; i + needle.length <= head.length; i++) {
      if (startsWith(head, i, needle)) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
