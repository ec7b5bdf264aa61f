package io.vodkit.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodkit.spi.Segment;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentMeasurerTest {

  @Test
  void readsFfmpegsVariantPlaylist() throws IOException {
    SegmentMeasurer.Playlist p =
        SegmentMeasurer.Playlist.parse(
            List.of(
                "#EXTM3U", "#EXT-X-VERSION:7", "#EXT-X-TARGETDURATION:4", "#EXT-X-MEDIA-SEQUENCE:0",
                "#EXT-X-PLAYLIST-TYPE:VOD", "#EXT-X-INDEPENDENT-SEGMENTS", "#EXT-X-MAP:URI=\"init_1.mp4\"",
                "#EXTINF:4.000000,", "seg_00000.m4s", "#EXTINF:4.010667,", "seg_00001.m4s",
                "#EXTINF:2.000000,", "seg_00002.m4s", "#EXT-X-ENDLIST"));
    assertThat(p.init()).isEqualTo("init_1.mp4");
    assertThat(p.segments()).containsExactly("seg_00000.m4s", "seg_00001.m4s", "seg_00002.m4s");
    assertThat(p.durations()).containsExactly(4.0, 4.010667, 2.0);
  }

  @Test
  void refusesPathsOutsideTheFolder() {
    assertThatThrownBy(
            () -> SegmentMeasurer.Playlist.parse(
                List.of("#EXT-X-MAP:URI=\"init.mp4\"", "#EXTINF:4.0,", "../../etc/passwd")))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> SegmentMeasurer.Playlist.parse(List.of("#EXTINF:4.0,", "seg_00000.m4s")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("EXT-X-MAP");
  }

  @Test
  void aSegmentRefusesKeyframeRangesOutsideItsFile() {
    Segment.Keyframe first = new Segment.Keyframe(76, 924, 0);
    assertThat(new Segment("a", 4.0, 1000, List.of(first)).keyframes()).containsExactly(first);
    assertThat(new Segment("a", 4.0, 1000).keyframes()).isEmpty();
    assertThatThrownBy(() -> new Segment("a", 4.0, 999, List.of(first)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("past the end");
    assertThatThrownBy(() -> new Segment.Keyframe(-1, 10, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Segment.Keyframe(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Segment.Keyframe(0, 10, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void peakIgnoresAShortFinalSegmentAverageCountsEverything() {
    List<Segment> segments =
        List.of(
            new Segment("a", 4.0, 500_000), // 1 Mbps
            new Segment("b", 4.0, 1_000_000), // 2 Mbps
            new Segment("c", 0.5, 400_000)); // 6.4 Mbps, but a 0.5 s tail
    assertThat(SegmentMeasurer.peakBps(segments)).isEqualTo(2_000_000);
    assertThat(SegmentMeasurer.averageBps(segments)).isEqualTo((long) Math.ceil(1_900_000 * 8 / 8.5));
    assertThat(SegmentMeasurer.peakBps(List.of(new Segment("only", 0.5, 1000)))).isEqualTo(16_000);
    assertThat(SegmentMeasurer.averageBps(List.of())).isZero();
  }
}
