package io.vodkit.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vodkit.spi.ManifestFile;
import io.vodkit.spi.PackagedRendition;
import io.vodkit.spi.PackagedVideo;
import io.vodkit.spi.Segment;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** I-frame playlists written from measured keyframes, read back with the parser. */
class IFramePlaylistTest {
  private final HlsManifestWriter writer = new HlsManifestWriter();

  private static String text(ManifestFile f) {
    return new String(f.content(), StandardCharsets.UTF_8);
  }

  /** 360p and 720p with keyframes in every segment, plus audio. */
  private static PackagedVideo twoRungs() {
    double[] durations = {4.0, 4.0, 2.5};
    List<Segment> low = Fixtures.keyframeSegments(durations, new long[] {20_000, 18_000, 10_000});
    List<Segment> high = Fixtures.keyframeSegments(durations, new long[] {60_000, 70_000, 30_000});
    return new PackagedVideo("vid_k", 10.5, 4, List.of(
        Fixtures.video("360p", 640, 360, 30, "avc1.42c01e", 800_000, 600_000, low),
        Fixtures.video("720p", 1280, 720, 30, "avc1.4d401f", 2_600_000, 2_000_000, high),
        Fixtures.audio(2, Fixtures.segments(4.0, 4.0, 2.5))));
  }

  @Test
  void iFramePlaylistTextIsExact() {
    PackagedRendition low = twoRungs().video().get(0);
    assertThat(HlsManifestWriter.iFramePlaylist(low, IFramePlaylist.of(low))).isEqualTo("""
        #EXTM3U
        #EXT-X-VERSION:7
        #EXT-X-TARGETDURATION:4
        #EXT-X-MEDIA-SEQUENCE:0
        #EXT-X-PLAYLIST-TYPE:VOD
        #EXT-X-I-FRAMES-ONLY
        #EXT-X-INDEPENDENT-SEGMENTS
        #EXT-X-MAP:URI="init.mp4"
        #EXTINF:4.000,
        #EXT-X-BYTERANGE:20508@76
        seg_00000.m4s
        #EXTINF:4.000,
        #EXT-X-BYTERANGE:18508@76
        seg_00001.m4s
        #EXTINF:2.500,
        #EXT-X-BYTERANGE:10508@76
        seg_00002.m4s
        #EXT-X-ENDLIST
        """);
  }

  @Test
  void everyVideoRungGetsAnIFramePlaylistThatTheParserReads() {
    PackagedVideo video = twoRungs();
    Map<String, String> files = new HashMap<>();
    writer.renditionManifests(video).forEach(f -> files.put(f.relativePath(), text(f)));
    assertThat(files.keySet()).containsExactlyInAnyOrder(
        "360p/playlist.m3u8", "720p/playlist.m3u8", "audio/playlist.m3u8",
        "360p/iframes.m3u8", "720p/iframes.m3u8");

    HlsPlaylist.Master master = HlsParser.parseMaster(text(writer.master(video)));
    assertThat(master.variants()).hasSize(2);
    assertThat(master.iFrameVariants()).extracting(HlsPlaylist.Variant::uri)
        .containsExactly("360p/iframes.m3u8", "720p/iframes.m3u8");
    for (int i = 0; i < 2; i++) {
      PackagedRendition r = video.video().get(i);
      HlsPlaylist.Variant v = master.iFrameVariants().get(i);
      assertThat(v.codecs()).containsExactly(r.codecs()); // video only: an I-frame playlist has no audio
      assertThat(v.resolution()).contains(new HlsPlaylist.Resolution(r.width(), r.height()));
      assertThat(v.frameRate()).isEmpty();
      assertThat(v.audioGroup()).isEmpty();

      HlsPlaylist.Media p = HlsParser.parseMedia(files.get(v.uri()));
      assertThat(p.iFramesOnly()).isTrue();
      assertThat(p.mapUri()).contains("init.mp4");
      assertThat(p.endList()).isTrue();
      assertThat(p.segments()).hasSize(3);
      for (int s = 0; s < 3; s++) {
        Segment.Keyframe k = r.segments().get(s).keyframes().get(0);
        HlsPlaylist.Segment entry = p.segments().get(s);
        assertThat(entry.uri()).isEqualTo(r.segments().get(s).fileName());
        assertThat(entry.byteRange()).contains(new HlsPlaylist.ByteRange(k.length(), k.offset()));
        assertThat(entry.durationSeconds()).isEqualTo(r.segments().get(s).durationSeconds());
      }
      // the regular media playlists are not I-frame playlists
      assertThat(HlsParser.parseMedia(files.get(r.name() + "/playlist.m3u8")).iFramesOnly()).isFalse();
    }
    // BANDWIDTH: the peak over runs of 2..6 s of I-frames (target 4 s); the 720p peak is
    // its second I-frame alone: 70,508 bytes in 4 s
    assertThat(master.iFrameVariants().get(1).bandwidth()).isEqualTo((long) Math.ceil(70_508 * 8 / 4.0));
    assertThat(master.iFrameVariants().get(1).averageBandwidth())
        .hasValue((long) Math.ceil((60_508 + 70_508 + 30_508) * 8 / 10.5));
    assertThat(master.iFrameVariants().get(0).bandwidth()).isLessThan(master.iFrameVariants().get(1).bandwidth());
  }

  @Test
  void durationsRunFromKeyframeToKeyframeAndTheLastToTheEnd() {
    // segment 0 (4 s) has keyframes at 0 and 2.5 s, segment 1 (3 s) one at 0.5 s
    List<Segment> segments = List.of(
        new Segment("a.m4s", 4.0, 10_000, List.of(new Segment.Keyframe(0, 1000, 0), new Segment.Keyframe(5000, 900, 2.5))),
        new Segment("b.m4s", 3.0, 10_000, List.of(new Segment.Keyframe(0, 800, 0.5))));
    IFramePlaylist p = IFramePlaylist.of(Fixtures.video("v", 640, 360, 30, "avc1.42c01e", 1, 1, segments));
    assertThat(p.entries()).extracting(IFramePlaylist.Entry::fileName).containsExactly("a.m4s", "a.m4s", "b.m4s");
    assertThat(p.durations().get(0)).isCloseTo(2.5, within(1e-9));
    assertThat(p.durations().get(1)).isCloseTo(2.0, within(1e-9));
    assertThat(p.durations().get(2)).isCloseTo(2.5, within(1e-9));
    assertThat(p.durations().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(7.0, within(1e-9));
  }

  @Test
  void peakBandwidthIsTheLargestRateOfARunBetweenHalfAndOneAndAHalfTargetDurations() {
    // target 4: runs must last 2..6 s. The 1 s I-frame of 10,000 bytes alone (80 kbit/s) is too
    // short to count; with its neighbour it is (10,000 + 2,000) bytes over 3 s = 32 kbit/s
    List<IFramePlaylist.Entry> entries = List.of(
        new IFramePlaylist.Entry("a", 0, 2_000, 2.0),
        new IFramePlaylist.Entry("b", 0, 10_000, 1.0),
        new IFramePlaylist.Entry("c", 0, 1_000, 4.0));
    IFramePlaylist p = new IFramePlaylist(entries);
    assertThat(p.peakBandwidth(4)).isEqualTo(32_000);
    assertThat(p.averageBandwidth()).isEqualTo((long) Math.ceil(13_000 * 8 / 7.0));
    // shorter than half the target duration in total: the whole playlist's rate
    IFramePlaylist tiny = new IFramePlaylist(List.of(new IFramePlaylist.Entry("a", 0, 1_000, 0.5)));
    assertThat(tiny.peakBandwidth(4)).isEqualTo(16_000);
  }

  @Test
  void renditionsWithoutMeasuredKeyframesGetNoIFramePlaylist() {
    PackagedVideo video = Fixtures.threeRungsWithAudio();
    assertThat(writer.renditionManifests(video)).extracting(ManifestFile::relativePath)
        .noneMatch(p -> p.endsWith("iframes.m3u8"));
    assertThat(HlsParser.parseMaster(text(writer.master(video))).iFrameVariants()).isEmpty();
  }
}
