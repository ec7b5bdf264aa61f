package io.vodkit.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FfmpegProgressTest {

  @Test
  void fractionFollowsOutTimeAndIgnoresNotAvailable() throws IOException {
    String report =
        String.join(
            "\n",
            "frame=0", "fps=0.00", "stream_0_0_q=0.0", "bitrate=N/A", "total_size=N/A",
            "out_time_us=N/A", "out_time_ms=N/A", "out_time=N/A", "dup_frames=0", "drop_frames=0",
            "speed=N/A", "progress=continue",
            "frame=97", "bitrate=N/A", "out_time_us=2500000", "out_time_ms=2500000",
            "out_time=00:00:02.500000", "speed=2.5x", "progress=continue");
    FfmpegProgress progress = new FfmpegProgress(10);
    progress.consume(new ByteArrayInputStream(report.getBytes(StandardCharsets.UTF_8)));
    assertThat(progress.fraction()).isCloseTo(0.25, within(1e-9));
    assertThat(progress.ended()).isFalse();
  }

  @Test
  void neverDecreasesAndClampsAndEndsAtOne() {
    FfmpegProgress progress = new FfmpegProgress(4);
    progress.accept("out_time_us=3000000");
    progress.accept("out_time_us=1000000");
    assertThat(progress.fraction()).isCloseTo(0.75, within(1e-9));
    progress.accept("out_time_us=9000000");
    assertThat(progress.fraction()).isEqualTo(1.0);
    FfmpegProgress other = new FfmpegProgress(4);
    other.accept("garbage without equals");
    other.accept("out_time_us=-64000");
    assertThat(other.fraction()).isZero();
    other.accept("progress=end");
    assertThat(other.ended()).isTrue();
    assertThat(other.fraction()).isEqualTo(1.0);
  }

  @Test
  void unknownDurationReportsNothingUntilTheEnd() {
    FfmpegProgress progress = new FfmpegProgress(0);
    progress.accept("out_time_us=3000000");
    assertThat(progress.fraction()).isZero();
  }
}
