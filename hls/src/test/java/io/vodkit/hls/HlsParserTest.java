package io.vodkit.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HlsParserTest {
  /** In the style of Apple's advanced HLS examples: CRLF, comments, I-frame streams, 2 groups. */
  private static final String APPLE_MASTER = String.join("\r\n",
      "#EXTM3U",
      "#EXT-X-VERSION:6",
      "#EXT-X-INDEPENDENT-SEGMENTS",
      "",
      "# audio",
      "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aud1\",LANGUAGE=\"en\",NAME=\"English\",AUTOSELECT=YES,DEFAULT=YES,CHANNELS=\"2\",URI=\"a1/prog_index.m3u8\"",
      "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aud2\",LANGUAGE=\"en\",NAME=\"English, 5.1\",AUTOSELECT=YES,DEFAULT=YES,CHANNELS=\"6\",URI=\"a2/prog_index.m3u8\"",
      "#EXT-X-MEDIA:TYPE=CLOSED-CAPTIONS,GROUP-ID=\"cc1\",LANGUAGE=\"en\",NAME=\"English\",AUTOSELECT=YES,DEFAULT=YES,INSTREAM-ID=\"CC1\"",
      "",
      "#EXT-X-STREAM-INF:AVERAGE-BANDWIDTH=2168183,BANDWIDTH=2177116,CODECS=\"avc1.640020,mp4a.40.2\",RESOLUTION=960x540,FRAME-RATE=60.000,CLOSED-CAPTIONS=\"cc1\",AUDIO=\"aud1\"",
      "v5/prog_index.m3u8",
      "#EXT-X-STREAM-INF:AVERAGE-BANDWIDTH=7968416,BANDWIDTH=8001098,CODECS=\"avc1.64002a,ec-3\",RESOLUTION=1920x1080,FRAME-RATE=60.000,CLOSED-CAPTIONS=\"cc1\",AUDIO=\"aud2\"",
      "https://cdn.example.com/v9/prog_index.m3u8?token=a,b",
      "#EXT-X-STREAM-INF:BANDWIDTH=540000,CODECS=\"avc1.42e00a, mp4a.40.2\"",
      "v1/prog_index.m3u8",
      "",
      "#EXT-X-I-FRAME-STREAM-INF:AVERAGE-BANDWIDTH=186522,BANDWIDTH=250014,CODECS=\"avc1.640015\",RESOLUTION=640x360,URI=\"v2/iframe_index.m3u8\"",
      "");

  /** What ffmpeg writes with -hls_segment_type fmp4 -hls_playlist_type vod. */
  private static final String FFMPEG_MEDIA = """
      #EXTM3U
      #EXT-X-VERSION:7
      #EXT-X-TARGETDURATION:4
      #EXT-X-MEDIA-SEQUENCE:0
      #EXT-X-PLAYLIST-TYPE:VOD
      #EXT-X-MAP:URI="init.mp4"
      #EXTINF:4.004000,
      seg_00000.m4s
      #EXTINF:4.004000,
      seg_00001.m4s
      #EXTINF:1.501500,
      seg_00002.m4s
      #EXT-X-ENDLIST
      """;

  @Test
  void parsesAnAppleStyleMasterWithCommasInsideQuotedCodecs() {
    HlsPlaylist.Master m = HlsParser.parseMaster(APPLE_MASTER);

    assertThat(m.version()).isEqualTo(6);
    assertThat(m.independentSegments()).isTrue();
    assertThat(m.variants()).hasSize(3);
    HlsPlaylist.Variant first = m.variants().get(0);
    assertThat(first.uri()).isEqualTo("v5/prog_index.m3u8");
    assertThat(first.bandwidth()).isEqualTo(2_177_116);
    assertThat(first.averageBandwidth()).hasValue(2_168_183);
    assertThat(first.codecs()).containsExactly("avc1.640020", "mp4a.40.2");
    assertThat(first.resolution()).contains(new HlsPlaylist.Resolution(960, 540));
    assertThat(first.frameRate()).hasValue(60.0);
    assertThat(first.audioGroup()).contains("aud1");
    assertThat(first.attributes()).containsEntry("CLOSED-CAPTIONS", "cc1")
        .containsEntry("CODECS", "avc1.640020,mp4a.40.2");
    assertThat(first.attributes().keySet()).containsExactly(
        "AVERAGE-BANDWIDTH", "BANDWIDTH", "CODECS", "RESOLUTION", "FRAME-RATE", "CLOSED-CAPTIONS", "AUDIO");

    assertThat(m.variants().get(1).uri()).isEqualTo("https://cdn.example.com/v9/prog_index.m3u8?token=a,b");
    assertThat(m.variants().get(1).codecs()).containsExactly("avc1.64002a", "ec-3");
    assertThat(m.variants().get(2).codecs()).containsExactly("avc1.42e00a", "mp4a.40.2");
    assertThat(m.variants().get(2).resolution()).isEmpty();
    assertThat(m.variants().get(2).averageBandwidth()).isEmpty();

    assertThat(m.renditions()).hasSize(3);
    assertThat(m.group("AUDIO", "aud2")).singleElement().satisfies(r -> {
      assertThat(r.name()).isEqualTo("English, 5.1");
      assertThat(r.channels()).contains("6");
      assertThat(r.language()).contains("en");
      assertThat(r.uri()).contains("a2/prog_index.m3u8");
      assertThat(r.isDefault()).isTrue();
    });
    assertThat(m.group("CLOSED-CAPTIONS", "cc1")).singleElement()
        .satisfies(r -> assertThat(r.uri()).isEmpty());

    assertThat(m.iFrameVariants()).singleElement().satisfies(v -> {
      assertThat(v.uri()).isEqualTo("v2/iframe_index.m3u8");
      assertThat(v.bandwidth()).isEqualTo(250_014);
    });
  }

  @Test
  void parsesAnFfmpegFmp4MediaPlaylist() {
    HlsPlaylist p = HlsParser.parse(FFMPEG_MEDIA.getBytes(StandardCharsets.UTF_8));

    assertThat(p).isInstanceOf(HlsPlaylist.Media.class);
    HlsPlaylist.Media m = (HlsPlaylist.Media) p;
    assertThat(m.version()).isEqualTo(7);
    assertThat(m.targetDurationSeconds()).isEqualTo(4);
    assertThat(m.mediaSequence()).isZero();
    assertThat(m.playlistType()).contains("VOD");
    assertThat(m.mapUri()).contains("init.mp4");
    assertThat(m.independentSegments()).isFalse();
    assertThat(m.endList()).isTrue();
    assertThat(m.segments()).extracting(HlsPlaylist.Segment::uri)
        .containsExactly("seg_00000.m4s", "seg_00001.m4s", "seg_00002.m4s");
    assertThat(m.segments()).extracting(HlsPlaylist.Segment::durationSeconds).containsExactly(4.004, 4.004, 1.5015);
    assertThat(m.durationSeconds()).isEqualTo(9.5095, org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void parsesAppleStyleByteRangesTitlesAndUnknownTags() {
    HlsPlaylist.Media m = HlsParser.parseMedia("""
        \uFEFF#EXTM3U
        #EXT-X-TARGETDURATION:10
        #EXT-X-VERSION:4
        #EXT-X-MEDIA-SEQUENCE:1
        #EXT-X-PROGRAM-DATE-TIME:2020-01-01T00:00:00Z
        #EXTINF:10,first
        #EXT-X-BYTERANGE:1000@0
        main.ts
        #EXTINF:9.5,
        #EXT-X-BYTERANGE:2000
        main.ts
        #EXT-X-ENDLIST
        """);
    assertThat(m.version()).isEqualTo(4);
    assertThat(m.mediaSequence()).isEqualTo(1);
    assertThat(m.playlistType()).isEmpty();
    assertThat(m.mapUri()).isEmpty();
    assertThat(m.segments()).containsExactly(
        new HlsPlaylist.Segment(10, "first", "main.ts", Optional.of(new HlsPlaylist.ByteRange(1000, 0))),
        new HlsPlaylist.Segment(9.5, "", "main.ts", Optional.of(new HlsPlaylist.ByteRange(2000, 1000))));
  }

  @Test
  void parsesAnAppleStyleIFramePlaylist() {
    HlsPlaylist.Media m = HlsParser.parseMedia("""
        #EXTM3U
        #EXT-X-TARGETDURATION:6
        #EXT-X-VERSION:7
        #EXT-X-MEDIA-SEQUENCE:1
        #EXT-X-PLAYLIST-TYPE:VOD
        #EXT-X-INDEPENDENT-SEGMENTS
        #EXT-X-I-FRAMES-ONLY
        #EXT-X-MAP:URI="init.mp4"
        #EXTINF:6.00600,
        #EXT-X-BYTERANGE:35512@1032
        main.mp4
        #EXTINF:6.00600,
        #EXT-X-BYTERANGE:33117@1500000
        main.mp4
        #EXT-X-ENDLIST
        """);
    assertThat(m.iFramesOnly()).isTrue();
    assertThat(m.mapUri()).contains("init.mp4");
    assertThat(m.segments()).extracting(HlsPlaylist.Segment::byteRange).containsExactly(
        Optional.of(new HlsPlaylist.ByteRange(35512, 1032)), Optional.of(new HlsPlaylist.ByteRange(33117, 1_500_000)));
    assertThat(m.durationSeconds()).isEqualTo(12.012, org.assertj.core.api.Assertions.within(1e-9));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "hello", "{\"playlist\": true}", "<?xml version=\"1.0\"?><MPD/>",
      "\n#EXTM3U\n#EXT-X-TARGETDURATION:4", "#EXT-X-VERSION:3\n#EXTM3U"})
  void rejectsAnythingThatDoesNotStartWithExtm3u(String text) {
    assertThatThrownBy(() -> HlsParser.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("#EXTM3U");
  }

  @Test
  void reportsStructuralErrorsWithTheLineNumber() {
    assertThatThrownBy(() -> HlsParser.parse("#EXTM3U\n#EXT-X-TARGETDURATION:4\nseg.m4s\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("line 3: segment URI without a preceding #EXTINF");
    assertThatThrownBy(() -> HlsParser.parse("#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:abc,\nseg.m4s\n"))
        .hasMessageContaining("line 3").hasMessageContaining("abc");
    assertThatThrownBy(() -> HlsParser.parse("#EXTM3U\n#EXTINF:4,\nseg.m4s\n#EXT-X-ENDLIST\n"))
        .hasMessageContaining("TARGETDURATION");
    assertThatThrownBy(() -> HlsParser.parse("#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4,\n"))
        .hasMessageContaining("line 3").hasMessageContaining("without a segment URI");
    assertThatThrownBy(() -> HlsParser.parse("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n"))
        .hasMessageContaining("line 2").hasMessageContaining("without a URI");
    assertThatThrownBy(() -> HlsParser.parse("#EXTM3U\n#EXT-X-STREAM-INF:RESOLUTION=1x1\nv.m3u8\n"))
        .hasMessageContaining("line 3").hasMessageContaining("BANDWIDTH");
    assertThatThrownBy(() -> HlsParser.parse("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS=\"a\n"))
        .hasMessageContaining("unterminated");
    assertThatThrownBy(() -> HlsParser.parse("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n#EXTINF:4,\nv.m3u8\n"))
        .hasMessageContaining("mixes");
    assertThatThrownBy(() -> HlsParser.parse("#EXTM3U\n# nothing here\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eitherKindAnswersVariantsAndSegments() {
    HlsPlaylist master = HlsParser.parse(APPLE_MASTER);
    HlsPlaylist media = HlsParser.parse(FFMPEG_MEDIA);
    assertThat(master.variants()).hasSize(3);
    assertThat(master.segments()).isEmpty();
    assertThat(media.variants()).isEmpty();
    assertThat(media.segments()).hasSize(3);
    assertThat(master.variants().get(0).attributes()).containsEntry("RESOLUTION", "960x540");
    assertThatThrownBy(() -> master.variants().get(0).attributes().put("X", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void parseMasterAndParseMediaInsistOnTheirKind() {
    assertThatThrownBy(() -> HlsParser.parseMaster(FFMPEG_MEDIA))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a master");
    assertThatThrownBy(() -> HlsParser.parseMedia(APPLE_MASTER))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a media");
  }

  @Test
  void attributeListsFollowRfc8216() {
    assertThat(HlsAttributes.parse("A=1,B=\"x,y=z\",C=YES, D=0x1F,E=\"\""))
        .containsExactly(
            Map.entry("A", "1"), Map.entry("B", "x,y=z"), Map.entry("C", "YES"),
            Map.entry("D", "0x1F"), Map.entry("E", ""));
    assertThat(HlsAttributes.parse("")).isEmpty();
    assertThat(HlsAttributes.getLong(HlsAttributes.parse("BANDWIDTH=12"), "BANDWIDTH")).hasValue(12);
    assertThat(HlsAttributes.getDouble(HlsAttributes.parse("FRAME-RATE=23.976"), "FRAME-RATE")).hasValue(23.976);

    assertThatThrownBy(() -> HlsAttributes.parse("A=1,A=2")).hasMessageContaining("twice");
    assertThatThrownBy(() -> HlsAttributes.parse("A=\"open")).hasMessageContaining("unterminated");
    assertThatThrownBy(() -> HlsAttributes.parse("A=\"x\"y")).hasMessageContaining("after the quoted");
    assertThatThrownBy(() -> HlsAttributes.parse("A")).hasMessageContaining("'='");
    assertThatThrownBy(() -> HlsAttributes.parse("a=1")).hasMessageContaining("attribute name");
    assertThatThrownBy(() -> HlsAttributes.getLong(HlsAttributes.parse("BANDWIDTH=lots"), "BANDWIDTH"))
        .hasMessageContaining("decimal-integer");
  }
}
