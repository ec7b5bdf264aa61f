package io.vodkit.hls;

import static io.vodkit.hls.Fixtures.segments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vodkit.spi.ManifestFile;
import io.vodkit.spi.PackagedRendition;
import io.vodkit.spi.PackagedVideo;
import io.vodkit.spi.Segment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HlsManifestWriterTest {
  private final HlsManifestWriter writer = new HlsManifestWriter();

  private static String text(ManifestFile f) {
    return new String(f.content(), StandardCharsets.UTF_8);
  }

  @Test
  void writesOneMediaPlaylistPerRenditionAudioIncluded() {
    PackagedVideo video = Fixtures.threeRungsWithAudio();
    List<ManifestFile> files = writer.renditionManifests(video);

    assertThat(files).extracting(ManifestFile::relativePath)
        .containsExactly("360p/playlist.m3u8", "720p/playlist.m3u8", "1080p/playlist.m3u8", "audio/playlist.m3u8");
    assertThat(files).extracting(ManifestFile::contentType).containsOnly("application/vnd.apple.mpegurl");
    for (int i = 0; i < files.size(); i++) {
      PackagedRendition r = video.renditions().get(i);
      HlsPlaylist.Media p = HlsParser.parseMedia(text(files.get(i)));
      assertThat(p.version()).isEqualTo(7);
      assertThat(p.mediaSequence()).isZero();
      assertThat(p.playlistType()).contains("VOD");
      assertThat(p.independentSegments()).isTrue();
      assertThat(p.mapUri()).contains("init.mp4");
      assertThat(p.endList()).isTrue();
      assertThat(p.segments()).extracting(HlsPlaylist.Segment::uri)
          .containsExactlyElementsOf(r.segments().stream().map(Segment::fileName).toList());
      for (int s = 0; s < r.segments().size(); s++) {
        assertThat(p.segments().get(s).durationSeconds())
            .isCloseTo(r.segments().get(s).durationSeconds(), within(0.0005));
      }
      assertThat(p.durationSeconds()).isCloseTo(r.durationSeconds(), within(0.003));
    }
  }

  @Test
  void mediaPlaylistTextIsExact() {
    PackagedRendition audio = Fixtures.threeRungsWithAudio().audio().orElseThrow();
    assertThat(HlsManifestWriter.mediaPlaylist(audio)).isEqualTo("""
        #EXTM3U
        #EXT-X-VERSION:7
        #EXT-X-TARGETDURATION:4
        #EXT-X-MEDIA-SEQUENCE:0
        #EXT-X-PLAYLIST-TYPE:VOD
        #EXT-X-INDEPENDENT-SEGMENTS
        #EXT-X-MAP:URI="init.mp4"
        #EXTINF:4.011,
        seg_00000.m4s
        #EXTINF:3.989,
        seg_00001.m4s
        #EXTINF:4.011,
        seg_00002.m4s
        #EXTINF:3.989,
        seg_00003.m4s
        #EXTINF:3.520,
        seg_00004.m4s
        #EXT-X-ENDLIST
        """);
  }

  @Test
  void masterTextIsExactWithAudio() {
    ManifestFile master = writer.master(Fixtures.threeRungsWithAudio());
    assertThat(master.relativePath()).isEqualTo("manifest.m3u8");
    assertThat(master.contentType()).isEqualTo("application/vnd.apple.mpegurl");
    assertThat(text(master)).isEqualTo("""
        #EXTM3U
        #EXT-X-VERSION:7
        #EXT-X-INDEPENDENT-SEGMENTS
        #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="default",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",URI="audio/playlist.m3u8"
        #EXT-X-STREAM-INF:BANDWIDTH=1043417,AVERAGE-BANDWIDTH=929238,RESOLUTION=640x360,FRAME-RATE=29.970,CODECS="avc1.42c01e,mp4a.40.2",AUDIO="aud"
        360p/playlist.m3u8
        #EXT-X-STREAM-INF:BANDWIDTH=3254528,AVERAGE-BANDWIDTH=2584793,RESOLUTION=1280x720,FRAME-RATE=29.970,CODECS="avc1.4d401f,mp4a.40.2",AUDIO="aud"
        720p/playlist.m3u8
        #EXT-X-STREAM-INF:BANDWIDTH=6365639,AVERAGE-BANDWIDTH=5140349,RESOLUTION=1920x1080,FRAME-RATE=29.970,CODECS="avc1.640028,mp4a.40.2",AUDIO="aud"
        1080p/playlist.m3u8
        """);
  }

  @Test
  void masterParsesBackWithEveryRungLowestFirstAndTheAudioGroup() {
    PackagedVideo video = Fixtures.threeRungsWithAudio();
    PackagedRendition audio = video.audio().orElseThrow();
    HlsPlaylist.Master m = HlsParser.parseMaster(text(writer.master(video)));

    assertThat(m.version()).isEqualTo(7);
    assertThat(m.independentSegments()).isTrue();
    assertThat(m.variants()).hasSize(3);
    for (int i = 0; i < 3; i++) {
      PackagedRendition r = video.video().get(i);
      HlsPlaylist.Variant v = m.variants().get(i);
      assertThat(v.uri()).isEqualTo(r.name() + "/playlist.m3u8");
      assertThat(v.bandwidth()).isEqualTo(r.bandwidthBps() + audio.bandwidthBps());
      assertThat(v.averageBandwidth()).hasValue(r.averageBandwidthBps() + audio.averageBandwidthBps());
      assertThat(v.resolution()).contains(new HlsPlaylist.Resolution(r.width(), r.height()));
      assertThat(v.frameRate()).hasValue(29.970);
      assertThat(v.codecs()).containsExactly(r.codecs(), "mp4a.40.2");
      assertThat(v.audioGroup()).contains("aud");
      assertThat(m.group("AUDIO", v.audioGroup().orElseThrow())).hasSize(1);
    }
    assertThat(m.variants()).extracting(HlsPlaylist.Variant::bandwidth).isSorted();
    assertThat(m.renditions()).singleElement().satisfies(r -> {
      assertThat(r.type()).isEqualTo("AUDIO");
      assertThat(r.groupId()).isEqualTo("aud");
      assertThat(r.name()).isEqualTo("default");
      assertThat(r.isDefault()).isTrue();
      assertThat(r.autoselect()).isTrue();
      assertThat(r.channels()).contains("2");
      assertThat(r.uri()).contains("audio/playlist.m3u8");
    });
  }

  @Test
  void aPlayerCanWalkFromTheMasterToEverySegment() {
    PackagedVideo video = Fixtures.threeRungsWithAudio();
    java.util.Map<String, String> files = new java.util.HashMap<>();
    writer.renditionManifests(video).forEach(f -> files.put(f.relativePath(), text(f)));
    HlsPlaylist master = HlsParser.parse(writer.master(video).content());
    assertThat(master.variants()).extracting(HlsPlaylist.Variant::uri)
        .containsExactly("360p/playlist.m3u8", "720p/playlist.m3u8", "1080p/playlist.m3u8");
    assertThat(master.variants().get(1).attributes()).containsEntry("RESOLUTION", "1280x720");
    for (HlsPlaylist.Variant v : master.variants()) {
      assertThat(HlsParser.parse(files.get(v.uri())).segments()).hasSize(5);
    }
    String audioUri = ((HlsPlaylist.Master) master).renditions().get(0).uri().orElseThrow();
    assertThat(HlsParser.parse(files.get(audioUri)).segments()).hasSize(5);
  }

  @Test
  void channelsComeFromTheAudioRendition() {
    PackagedVideo stereo = Fixtures.threeRungsWithAudio();
    List<PackagedRendition> renditions = new java.util.ArrayList<>(stereo.video());
    renditions.add(Fixtures.audio(6, segments(4.0, 4.0)));
    PackagedVideo surround = new PackagedVideo("v", 8, 4, renditions);
    HlsPlaylist.Master m = HlsParser.parseMaster(text(writer.master(surround)));
    assertThat(m.renditions().get(0).channels()).contains("6");
  }

  @Test
  void withoutAudioThereIsNoMediaTagAndCodecsAreVideoOnly() {
    PackagedVideo video = Fixtures.noAudio();
    assertThat(writer.renditionManifests(video)).extracting(ManifestFile::relativePath)
        .containsExactly("480p/playlist.m3u8");
    String master = text(writer.master(video));
    assertThat(master).isEqualTo("""
        #EXTM3U
        #EXT-X-VERSION:7
        #EXT-X-INDEPENDENT-SEGMENTS
        #EXT-X-STREAM-INF:BANDWIDTH=1500000,AVERAGE-BANDWIDTH=1200000,RESOLUTION=854x480,FRAME-RATE=25.000,CODECS="avc1.64001e"
        480p/playlist.m3u8
        """);
    HlsPlaylist.Master m = HlsParser.parseMaster(master);
    assertThat(m.renditions()).isEmpty();
    assertThat(m.variants()).singleElement().satisfies(v -> {
      assertThat(v.audioGroup()).isEmpty();
      assertThat(v.codecs()).containsExactly("avc1.64001e");
      assertThat(v.bandwidth()).isEqualTo(1_500_000);
    });
    HlsPlaylist.Media media = HlsParser.parseMedia(text(writer.renditionManifests(video).get(0)));
    assertThat(media.targetDurationSeconds()).isEqualTo(4);
    assertThat(media.segments()).extracting(HlsPlaylist.Segment::durationSeconds).containsExactly(4.0, 4.0, 2.0);
  }

  @Test
  void targetDurationIsTheLargestRoundedExtinf() {
    assertThat(HlsManifestWriter.targetDuration(segments(4.0, 4.0, 4.5))).isEqualTo(5);
    assertThat(HlsManifestWriter.targetDuration(segments(4.0, 4.0, 4.6))).isEqualTo(5);
    assertThat(HlsManifestWriter.targetDuration(segments(4.0, 4.0, 4.5, 4.6))).isEqualTo(5);
    assertThat(HlsManifestWriter.targetDuration(segments(4.0, 4.0, 4.0))).isEqualTo(4);
    assertThat(HlsManifestWriter.targetDuration(segments(4.004, 4.004, 2.1))).isEqualTo(4);
    // 4.4996 is written as 4.500, which a player rounds to 5
    assertThat(HlsManifestWriter.targetDuration(segments(4.0, 4.4996))).isEqualTo(5);
    assertThat(HlsManifestWriter.targetDuration(segments(0.2))).isEqualTo(1);
  }

  @Test
  void everyWrittenExtinfRoundsToAtMostTheTargetDuration() {
    for (double[] durations : new double[][] {
        {4.0, 4.0, 4.5}, {4.0, 4.0, 4.6}, {4.0, 4.0, 4.5, 4.6}, {6.006, 6.006, 1.2}, {4.4996, 4.49949}}) {
      PackagedRendition r = Fixtures.video("r", 640, 360, 30, "avc1.42c01e", 1, 1, segments(durations));
      HlsPlaylist.Media p = HlsParser.parseMedia(HlsManifestWriter.mediaPlaylist(r));
      assertThat(p.segments()).allSatisfy(s ->
          assertThat(Math.round(s.durationSeconds())).isLessThanOrEqualTo(p.targetDurationSeconds()));
      assertThat(p.segments()).anySatisfy(s ->
          assertThat(Math.round(s.durationSeconds())).isEqualTo(p.targetDurationSeconds()));
    }
  }

  @Test
  void aTargetDurationOf5ForA45Segment() {
    PackagedRendition r = Fixtures.video("r", 640, 360, 30, "avc1.42c01e", 1, 1, segments(4.0, 4.0, 4.5));
    assertThat(HlsManifestWriter.mediaPlaylist(r)).contains("#EXT-X-TARGETDURATION:5\n", "#EXTINF:4.500,\n");
  }

  @Test
  void valuesHlsCannotQuoteAreRejected() {
    PackagedRendition bad = Fixtures.video("360p", 640, 360, 30, "avc1\"x", 1, 1, segments(4.0));
    PackagedVideo video = new PackagedVideo("v", 4, 4, List.of(bad));
    assertThatThrownBy(() -> writer.master(video))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CODECS");
  }

  @Test
  void namesAreEscapedInUrisButNotInStoragePaths() {
    PackagedRendition odd = new PackagedRendition("hi res", PackagedRendition.Kind.VIDEO, 640, 360, 30,
        "avc1.42c01e", 1000, 1, 1, 0, 0, "init 1.mp4", segments(4.0));
    PackagedVideo video = new PackagedVideo("v", 4, 4, List.of(odd));
    assertThat(writer.renditionManifests(video).get(0).relativePath()).isEqualTo("hi res/playlist.m3u8");
    assertThat(HlsParser.parseMaster(text(writer.master(video))).variants().get(0).uri())
        .isEqualTo("hi%20res/playlist.m3u8");
    assertThat(HlsParser.parseMedia(text(writer.renditionManifests(video).get(0))).mapUri())
        .contains("init%201.mp4");
  }

  @Test
  void aVideoWithoutVideoRenditionsOrSegmentsIsRejected() {
    PackagedVideo audioOnly = new PackagedVideo("v", 4, 4, List.of(Fixtures.audio(2, segments(4.0))));
    assertThatThrownBy(() -> writer.master(audioOnly)).isInstanceOf(IllegalArgumentException.class);
    PackagedVideo empty = new PackagedVideo("v", 0, 4,
        List.of(Fixtures.video("360p", 640, 360, 30, "avc1.42c01e", 1, 1, List.of())));
    assertThatThrownBy(() -> writer.renditionManifests(empty))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("360p");
  }
}
