package io.vodkit.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Mp4CodecsTest {

  @Test
  void avcBaselineInitFromFfmpeg() throws IOException {
    // x264 constrained baseline (66, constraint_set0+1), level 3.0
    assertThat(Mp4Codecs.codecs(resource("avc-baseline-init.mp4"))).isEqualTo("avc1.42c01e");
  }

  @Test
  void hevcMainInitFromFfmpeg() throws IOException {
    // x265 Main, compatibility flags 0x60000000 (profiles 1 and 2), level 2 (60), progressive+frame-only
    assertThat(Mp4Codecs.codecs(resource("hevc-main-init.mp4"))).isEqualTo("hvc1.1.6.L60.90");
  }

  @Test
  void aacLcInitFromFfmpeg() throws IOException {
    assertThat(Mp4Codecs.codecs(resource("aac-lc-init.mp4"))).isEqualTo("mp4a.40.2");
  }

  @Test
  void avc3High() throws IOException {
    byte[] avcC = {1, 0x64, 0x00, 0x28, (byte) 0xff, (byte) 0xe0, 0};
    assertThat(Mp4Codecs.codecs(file(visualEntry("avc3", box("avcC", avcC))))).isEqualTo("avc3.640028");
  }

  @Test
  void hevcAnnexEExample() throws IOException {
    // ISO/IEC 14496-15 E.3 style: Main, compat 0x60000000, level 120 (4.0), constraint 0x90
    byte[] hvcC = new byte[23];
    hvcC[0] = 1;
    hvcC[1] = 0x01;
    hvcC[2] = 0x60;
    hvcC[6] = (byte) 0x90;
    hvcC[12] = 120;
    assertThat(Mp4Codecs.codecs(file(visualEntry("hvc1", box("hvcC", hvcC))))).isEqualTo("hvc1.1.6.L120.90");
  }

  @Test
  void hevcHighTierMain10WithProfileSpaceAndSeveralConstraintBytes() throws IOException {
    byte[] hvcC = new byte[23];
    hvcC[0] = 1;
    hvcC[1] = (byte) (0x40 | 0x20 | 2); // profile space 1 (A), high tier, Main 10
    hvcC[2] = 0x20; // compatibility flag for profile 2 only → reversed 0x4
    hvcC[6] = (byte) 0xB0;
    hvcC[8] = 0x01; // a later non-zero byte keeps the zero byte before it
    hvcC[12] = (byte) 153;
    assertThat(Mp4Codecs.codecs(file(visualEntry("hev1", box("hvcC", hvcC))))).isEqualTo("hev1.A2.4.H153.B0.00.01");
  }

  @Test
  void heAacAndExtendedObjectType() throws IOException {
    assertThat(Mp4Codecs.codecs(file(audioEntry(esds(0x40, new byte[] {0x2b, (byte) 0x92}))))).isEqualTo("mp4a.40.5");
    // audioObjectType 31 escape: 32 + 6 bits → 42 (USAC): 11111 001010 …
    assertThat(Mp4Codecs.codecs(file(audioEntry(esds(0x40, new byte[] {(byte) 0xf9, 0x40})))))
        .isEqualTo("mp4a.40.42");
    assertThat(Mp4Codecs.codecs(file(audioEntry(esds(0x6b, new byte[0]))))).isEqualTo("mp4a.6B");
  }

  @Test
  void refusesWhatItCannotDescribe() {
    assertThatThrownBy(() -> Mp4Codecs.codecs(file(visualEntry("vp09", box("vpcC", new byte[8])))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("vp09");
    assertThatThrownBy(() -> Mp4Codecs.codecs("not an mp4 at all".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> Mp4Codecs.codecs(new byte[0])).isInstanceOf(IOException.class);
  }

  @Test
  void truncatedInitIsAnIoErrorNotACrash() throws IOException {
    byte[] whole = resource("avc-baseline-init.mp4");
    for (int cut = 0; cut < whole.length; cut += 7) {
      byte[] part = Arrays.copyOf(whole, cut);
      try {
        Mp4Codecs.codecs(part);
      } catch (IOException expected) {
        // fine: truncated
      }
    }
  }

  // --- tiny ISO-BMFF writer for synthetic inputs ---

  static byte[] resource(String name) throws IOException {
    try (InputStream in = Mp4CodecsTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  private static byte[] file(byte[] sampleEntry) {
    byte[] stsd = box("stsd", concat(new byte[] {0, 0, 0, 0, 0, 0, 0, 1}, sampleEntry));
    byte[] stbl = box("stbl", stsd);
    byte[] minf = box("minf", concat(box("vmhd", new byte[12]), stbl));
    byte[] mdia = box("mdia", concat(box("mdhd", new byte[24]), minf));
    byte[] trak = box("trak", concat(box("tkhd", new byte[84]), mdia));
    byte[] moov = box("moov", concat(box("mvhd", new byte[100]), trak));
    return concat(box("ftyp", "iso6mp41".getBytes(StandardCharsets.US_ASCII)), moov);
  }

  private static byte[] visualEntry(String type, byte[] config) {
    return box(type, concat(new byte[78], config));
  }

  private static byte[] audioEntry(byte[] esds) {
    return box("mp4a", concat(new byte[28], esds));
  }

  private static byte[] esds(int oti, byte[] asc) {
    byte[] dsi = asc.length == 0 ? new byte[0] : descriptor(5, asc);
    byte[] dcd = descriptor(4, concat(new byte[] {(byte) oti, 0x15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, dsi));
    byte[] es = descriptor(3, concat(new byte[] {0, 1, 0}, dcd, descriptor(6, new byte[] {2})));
    return box("esds", concat(new byte[4], es));
  }

  private static byte[] descriptor(int tag, byte[] payload) {
    // four-byte expandable size, as ffmpeg writes it
    int n = payload.length;
    byte[] head = {(byte) tag, (byte) (0x80 | (n >> 21) & 0x7f), (byte) (0x80 | (n >> 14) & 0x7f),
        (byte) (0x80 | (n >> 7) & 0x7f), (byte) (n & 0x7f)};
    return concat(head, payload);
  }

  private static byte[] box(String type, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
    b.putInt(8 + payload.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(payload);
    return b.array();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
