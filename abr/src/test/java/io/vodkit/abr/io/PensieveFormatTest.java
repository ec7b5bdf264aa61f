package io.vodkit.abr.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vodkit.abr.Fixtures;
import io.vodkit.abr.Ladder;
import io.vodkit.abr.sim.ThroughputTrace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PensieveFormatTest {
  @Test
  void aCrlfTraceIsReadWithLineZerosValueUnused() throws Exception {
    Path file = Fixtures.resource("traces/pensieve/norway_bus_1");
    assertThat(Files.readString(file)).contains("\r\n");
    ThroughputTrace trace = PensieveFormat.readTrace(file);
    assertThat(trace.name()).isEqualTo("norway_bus_1");
    // line 0: 0.0 4.03768755221 (unused); line 1: 0.549999952316 4.79283060109
    assertThat(trace.periodDurationS(0)).isCloseTo(0.549999952316, within(1e-12));
    assertThat(trace.periodBps(0)).isCloseTo(4.79283060109e6, within(1e-3));
    assertThat(trace.periodCount()).isEqualTo(Files.readAllLines(file).size() - 1);
    assertThat(trace.hasLatency()).isFalse();
  }

  @Test
  void aMalformedLineIsReportedWithFileAndLineNumber(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad");
    Files.writeString(file, "0.0 1.0\n1.0 fast\n");
    assertThatThrownBy(() -> PensieveFormat.readTrace(file))
        .isInstanceOf(TraceFormatException.class)
        .hasMessageContaining("bad:2")
        .hasMessageContaining("fast");
    Files.writeString(file, "0.0 1.0\n");
    assertThatThrownBy(() -> PensieveFormat.readTrace(file))
        .isInstanceOf(TraceFormatException.class);
  }

  @Test
  void theVideoSizeFilesBecomePensievesLadderOf48ChunksInBytes() {
    Ladder video = PensieveFormat.readPensieveVideo(Fixtures.resource("traces/video-sizes"));
    assertThat(video.chunkCount()).isEqualTo(48);
    assertThat(video.rungCount()).isEqualTo(6);
    assertThat(video.bitrateBps(5)).isEqualTo(4_300_000);
    assertThat(video.chunkBytes(0, 0)).isEqualTo(181_801); // video_size_0 line 1
    assertThat(video.chunkBytes(1, 0)).isEqualTo(155_580);
    // every rung is bigger than the one below it, chunk by chunk
    for (int c = 0; c < 48; c++) {
      for (int r = 1; r < 6; r++) {
        assertThat(video.chunkBytes(c, r)).isGreaterThan(video.chunkBytes(c, r - 1));
      }
    }
  }

  @Test
  void aMissingRungFileIsNamed(@TempDir Path dir) {
    assertThatThrownBy(() -> PensieveFormat.readPensieveVideo(dir))
        .isInstanceOf(TraceFormatException.class)
        .hasMessageContaining("video_size_0");
  }
}
