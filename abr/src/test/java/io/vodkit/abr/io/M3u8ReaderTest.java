package io.vodkit.abr.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class M3u8ReaderTest {
  private static final String MEDIA_HEAD = "#EXTM3U\n#EXT-X-TARGETDURATION:4\n";

  @TempDir Path dir;

  @Test
  void aMasterPlaylistGivesItsVariantsAndItsAudioRendition() {
    Path file =
        FakeHlsVideo.write(
            dir.resolve("manifest.m3u8"),
            "#EXTM3U\r\n"
                + "#EXT-X-VERSION:7\r\n"
                + "# a comment\r\n"
                + "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aud\",NAME=\"a, b\","
                + "URI=\"audio/playlist.m3u8\"\r\n"
                + "#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"sub\",NAME=\"en\","
                + "URI=\"subs/en.m3u8\"\r\n"
                + "#EXT-X-STREAM-INF:BANDWIDTH=552863,CODECS=\"avc1,mp4a\",AUDIO=\"aud\"\r\n"
                + "\r\n"
                + "360p/playlist.m3u8\r\n"
                + "#EXT-X-STREAM-INF:BANDWIDTH=2673665\r\n"
                + "my%20720p/playlist.m3u8\r\n");

    M3u8Reader.Master master = M3u8Reader.readMaster(file);

    assertThat(master.variants())
        .containsExactly(
            new M3u8Reader.Variant(552_863, Optional.of("aud"), "360p/playlist.m3u8"),
            new M3u8Reader.Variant(2_673_665, Optional.empty(), "my 720p/playlist.m3u8"));
    assertThat(master.audio())
        .containsExactly(new M3u8Reader.AudioRendition("aud", "audio/playlist.m3u8"));
  }

  @Test
  void aMediaPlaylistGivesItsSegmentsInOrder() {
    Path file =
        FakeHlsVideo.write(
            dir.resolve("playlist.m3u8"),
            MEDIA_HEAD
                + "#EXT-X-MAP:URI=\"init.mp4\"\n"
                + "#EXTINF:4.000,\nseg_00000.m4s\n"
                + "#EXTINF:3.5,a title, with a comma\nseg_00001.m4s\n"
                + "#EXT-X-ENDLIST\n");

    assertThat(M3u8Reader.readMedia(file))
        .containsExactly(
            new M3u8Reader.Segment(4.0, "seg_00000.m4s"),
            new M3u8Reader.Segment(3.5, "seg_00001.m4s"));
  }

  @Test
  void aFileThatDoesNotStartWithExtm3uIsNotAPlaylist() {
    Path noHeader =
        FakeHlsVideo.write(
            dir.resolve("a.m3u8"), "#EXT-X-STREAM-INF:BANDWIDTH=1\n360p/playlist.m3u8\n");
    Path blankFirst = FakeHlsVideo.write(dir.resolve("b.m3u8"), "\n#EXTM3U\n");
    Path empty = FakeHlsVideo.write(dir.resolve("c.m3u8"), "");

    for (Path file : List.of(noHeader, blankFirst, empty)) {
      assertThatThrownBy(() -> M3u8Reader.readMaster(file))
          .isInstanceOf(TraceFormatException.class)
          .hasMessageContaining("first line is not #EXTM3U");
    }
  }

  @Test
  void aMasterPlaylistNeedsABandwidthAndAUriForEveryVariant() {
    assertMasterRejected("#EXT-X-STREAM-INF:AVERAGE-BANDWIDTH=1\na.m3u8\n", "BANDWIDTH");
    assertMasterRejected("#EXT-X-STREAM-INF:BANDWIDTH=1.5\na.m3u8\n", "positive integer");
    assertMasterRejected("#EXT-X-STREAM-INF:BANDWIDTH=0\na.m3u8\n", "positive integer");
    assertMasterRejected("#EXT-X-STREAM-INF:BANDWIDTH=1\n", "without its URI");
    assertMasterRejected("a.m3u8\n", "without #EXT-X-STREAM-INF");
    assertMasterRejected("#EXT-X-VERSION:7\n", "no #EXT-X-STREAM-INF");
    assertMasterRejected(
        "#EXT-X-STREAM-INF:BANDWIDTH=1\n#EXT-X-STREAM-INF:BANDWIDTH=2\na.m3u8\n",
        "follows another");
  }

  @Test
  void aMediaPlaylistMustBeFinishedAndMadeOfWholeFiles() {
    assertMediaRejected("#EXTINF:4.000,\nseg.m4s\n", "no #EXT-X-ENDLIST");
    assertMediaRejected(
        "#EXTINF:4.000,\n#EXT-X-BYTERANGE:1000@0\nall.m4s\n#EXT-X-ENDLIST\n", "byte-range");
    assertMediaRejected("#EXTINF:4.000\nseg.m4s\n#EXT-X-ENDLIST\n", "<seconds>,[title]");
    assertMediaRejected("#EXTINF:-4,\nseg.m4s\n#EXT-X-ENDLIST\n", "<seconds>,[title]");
    assertMediaRejected("seg.m4s\n#EXT-X-ENDLIST\n", "without #EXTINF");
    assertMediaRejected("#EXT-X-ENDLIST\n", "no segments");
    assertMediaRejected(
        "#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n#EXT-X-ENDLIST\n", "belongs in a master");
  }

  private void assertMasterRejected(String body, String message) {
    Path file = FakeHlsVideo.write(dir.resolve("manifest.m3u8"), "#EXTM3U\n" + body);
    assertThatThrownBy(() -> M3u8Reader.readMaster(file))
        .isInstanceOf(TraceFormatException.class)
        .hasMessageContaining("manifest.m3u8")
        .hasMessageContaining(message);
  }

  private void assertMediaRejected(String body, String message) {
    Path file = FakeHlsVideo.write(dir.resolve("playlist.m3u8"), MEDIA_HEAD + body);
    assertThatThrownBy(() -> M3u8Reader.readMedia(file))
        .isInstanceOf(TraceFormatException.class)
        .hasMessageContaining("playlist.m3u8")
        .hasMessageContaining(message);
  }
}
