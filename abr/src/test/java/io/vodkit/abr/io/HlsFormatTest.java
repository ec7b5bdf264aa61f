package io.vodkit.abr.io;

import static io.vodkit.abr.io.FakeHlsVideo.every;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodkit.abr.Ladder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HlsFormatTest {
  @TempDir Path dir;

  @Test
  void aVodkitVideoBecomesItsBandwidthsAndItsSegmentSizesWithTheAudioAdded() {
    Path master =
        new FakeHlsVideo(dir)
            // vodkit's real audio: segments a little off the 4 s grid and a 21 ms tail
            .audio(new double[] {4.011, 3.989, 4.011, 0.021}, 100, 200, 300, 7)
            .rung("360p", 552_863, 1_000, 1_100, 1_200)
            .rung("720p", 2_673_665, 5_000, 5_100, 5_200)
            .rung("1080p", 5_213_623, 9_000, 9_100, 9_200)
            .write();

    Ladder ladder = HlsFormat.readVideo(master);

    assertThat(ladder.bitratesBps()).containsExactly(552_863, 2_673_665, 5_213_623);
    assertThat(ladder.chunkDurationS()).isEqualTo(4.0);
    assertThat(ladder.chunkCount()).isEqualTo(3);
    // audio by start time: 0 s -> chunk 0, 4.011 s -> 1, 8.0 s -> 2, 12.011 s (after the end) -> 2
    assertThat(ladder.chunkBytes(0, 0)).isEqualTo(1_000 + 100);
    assertThat(ladder.chunkBytes(1, 0)).isEqualTo(1_100 + 200);
    assertThat(ladder.chunkBytes(2, 0)).isEqualTo(1_200 + 300 + 7);
    assertThat(ladder.chunkBytes(1, 1)).isEqualTo(5_100 + 200);
    assertThat(ladder.chunkBytes(2, 2)).isEqualTo(9_200 + 300 + 7);
  }

  @Test
  void withoutAudioTheChunkSizesAreTheVideoSegmentFilesAlone() {
    Path master = new FakeHlsVideo(dir).rung("360p", 400_000, 1_000, 1_100).write();

    Ladder ladder = HlsFormat.readVideo(master);

    assertThat(ladder.chunkBytes(0, 0)).isEqualTo(1_000);
    assertThat(ladder.chunkBytes(1, 0)).isEqualTo(1_100);
  }

  @Test
  void variantsWrittenInAnyOrderBecomeRungsLowestBandwidthFirst() {
    Path master =
        new FakeHlsVideo(dir)
            .rung("1080p", 5_000_000, 9_000)
            .rung("360p", 400_000, 1_000)
            .rung("720p", 2_500_000, 5_000)
            .write();

    Ladder ladder = HlsFormat.readVideo(master);

    assertThat(ladder.bitratesBps()).containsExactly(400_000, 2_500_000, 5_000_000);
    assertThat(ladder.chunkBytes(0, 0)).isEqualTo(1_000);
    assertThat(ladder.chunkBytes(0, 2)).isEqualTo(9_000);
  }

  @Test
  void aShortLastSegmentIsAllowedAndTheOthersSetTheChunkDuration() {
    double[] durations = {4.0, 4.0, 4.0, 1.5};
    Path master =
        new FakeHlsVideo(dir)
            .rung("360p", 400_000, durations, 1, 2, 3, 4)
            .rung("720p", 2_500_000, durations, 5, 6, 7, 8)
            .write();

    assertThat(HlsFormat.readVideo(master).chunkDurationS()).isEqualTo(4.0);
  }

  @Test
  void segmentsOfVeryDifferentLengthsAreRejected() {
    Path master =
        new FakeHlsVideo(dir)
            .rung("360p", 400_000, new double[] {4, 4, 6, 4, 4}, 1, 2, 3, 4, 5)
            .write();

    assertThatThrownBy(() -> HlsFormat.readVideo(master))
        .isInstanceOf(TraceFormatException.class)
        .hasMessageContaining("360p/playlist.m3u8")
        .hasMessageContaining("segment 2 lasts 6.000 s");
  }

  @Test
  void rungsWithDifferentSegmentCountsAreRejectedNamingBothPlaylists() {
    Path master =
        new FakeHlsVideo(dir)
            .rung("360p", 400_000, 1, 2, 3, 4, 5)
            .rung("720p", 2_500_000, 6, 7, 8, 9)
            .write();

    assertThatThrownBy(() -> HlsFormat.readVideo(master))
        .isInstanceOf(TraceFormatException.class)
        .hasMessageContaining("same number of segments")
        .hasMessageContaining("360p/playlist.m3u8 has 5")
        .hasMessageContaining("720p/playlist.m3u8 has 4");
  }

  @Test
  void audioThatDoesNotLastAsLongAsTheVideoIsRejected() {
    Path master =
        new FakeHlsVideo(dir).audio(every(4.0, 1), 100).rung("360p", 400_000, 1, 2, 3).write();

    assertThatThrownBy(() -> HlsFormat.readVideo(master))
        .isInstanceOf(TraceFormatException.class)
        .hasMessageContaining("audio/playlist.m3u8 lasts 4.000 s")
        .hasMessageContaining("to within one chunk");
  }

  @Test
  void twoVariantsWithTheSameBandwidthAreRejected() {
    Path master =
        new FakeHlsVideo(dir).rung("a", 400_000, 1).rung("b", 400_000, 2).write();

    assertThatThrownBy(() -> HlsFormat.readVideo(master))
        .isInstanceOf(TraceFormatException.class)
        .hasMessageContaining("BANDWIDTH=400000");
  }

  @Test
  void aMissingSegmentFileIsNamed() throws Exception {
    Path master = new FakeHlsVideo(dir).rung("360p", 400_000, 1, 2).write();
    Files.delete(dir.resolve("360p/seg_00001.m4s"));

    assertThatThrownBy(() -> HlsFormat.readVideo(master))
        .isInstanceOf(TraceFormatException.class)
        .hasMessageContaining("seg_00001.m4s is missing");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../outside/playlist.m3u8",
        "360p/../../outside/playlist.m3u8",
        "%2E%2E/outside/playlist.m3u8",
        "/etc/hosts",
        "file:///etc/hosts",
        "https://cdn.example.com/360p/playlist.m3u8",
        "360p\\..\\..\\outside\\playlist.m3u8",
      })
  void aVariantUriThatCouldLeaveTheVideosFolderIsRefused(String uri) {
    Path video = dir.resolve("video");
    new FakeHlsVideo(video).rung("360p", 400_000, 1_000).write();
    FakeHlsVideo.writeMedia(dir.resolve("outside"), every(4.0, 1), new long[] {1_000});
    assertThat(HlsFormat.readVideo(video.resolve("manifest.m3u8")).chunkCount()).isEqualTo(1);
    Path master =
        FakeHlsVideo.write(
            video.resolve("manifest.m3u8"),
            "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=400000\n" + uri + "\n");

    assertThatThrownBy(() -> HlsFormat.readVideo(master))
        .isInstanceOf(TraceFormatException.class)
        .hasMessageContaining("manifest.m3u8:3")
        .hasMessageContaining("refused");
  }

  @Test
  void segmentAudioAndInitUrisThatLeaveTheirFolderAreRefusedToo() throws Exception {
    Path master =
        new FakeHlsVideo(dir)
            .audio(every(4.0, 1), 100)
            .rung("360p", 400_000, 1_000)
            .rung("720p", 800_000, 2_000)
            .write();
    Path media = dir.resolve("360p/playlist.m3u8");
    String original = Files.readString(media);

    FakeHlsVideo.write(media, original.replace("seg_00000.m4s", "../720p/seg_00000.m4s"));
    assertRefused(master, "360p/playlist.m3u8");

    FakeHlsVideo.write(media, original.replace("init.mp4", "../init.mp4"));
    assertRefused(master, "360p/playlist.m3u8");

    FakeHlsVideo.write(media, original);
    String manifest = Files.readString(master);
    FakeHlsVideo.write(master, manifest.replace("audio/playlist.m3u8", "../audio/playlist.m3u8"));
    assertRefused(master, "manifest.m3u8");
  }

  @Test
  void aSymbolicLinkOutOfTheVideosFolderIsRefused() throws Exception {
    Path video = dir.resolve("video");
    Path master = new FakeHlsVideo(video).rung("360p", 400_000, 1_000).write();
    Path secret = Files.write(dir.resolve("secret.bin"), new byte[1234]);
    Path segment = video.resolve("360p/seg_00000.m4s");
    Files.delete(segment);
    Files.createSymbolicLink(segment, secret);

    assertThatThrownBy(() -> HlsFormat.readVideo(master))
        .isInstanceOf(TraceFormatException.class)
        .hasMessageContaining("leads outside the video's folder");
  }

  @Test
  void aMediaPlaylistGivenAsTheVideoIsRejectedWithAHint() {
    new FakeHlsVideo(dir).rung("360p", 400_000, 1_000).write();

    assertThatThrownBy(() -> HlsFormat.readVideo(dir.resolve("360p/playlist.m3u8")))
        .isInstanceOf(TraceFormatException.class)
        .hasMessageContaining("give the master playlist");
  }

  private static void assertRefused(Path master, String playlist) {
    assertThatThrownBy(() -> HlsFormat.readVideo(master))
        .isInstanceOf(TraceFormatException.class)
        .hasMessageContaining(playlist)
        .hasMessageContaining("refused");
  }
}
