package io.vodkit.abr.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodkit.abr.Fixtures;
import io.vodkit.abr.Ladder;
import io.vodkit.abr.sim.ThroughputTrace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SabreFormatTest {
  @Test
  void sabresExampleNetworkIsFourPeriodsWithLatencies() {
    Path file = Fixtures.resource("traces/sabre/network.json");
    assertThat(SabreFormat.isNetworkTrace(file)).isTrue();
    ThroughputTrace trace = SabreFormat.readNetwork(file);
    assertThat(trace.periodCount()).isEqualTo(4);
    assertThat(trace.periodBps(0)).isEqualTo(5_000_000);
    assertThat(trace.periodBps(2)).isEqualTo(1_500_000);
    assertThat(trace.periodDurationS(3)).isEqualTo(30.0);
    assertThat(trace.hasLatency()).isTrue();
    assertThat(trace.lengthS()).isEqualTo(120.0);
  }

  @Test
  void sabresExampleManifestIsTenRungsOf199ThreeSecondSegmentsInBytes() {
    Path file = Fixtures.resource("traces/sabre/movie.json");
    assertThat(SabreFormat.isNetworkTrace(file)).isFalse();
    Ladder ladder = SabreFormat.readManifest(file);
    assertThat(ladder.rungCount()).isEqualTo(10);
    assertThat(ladder.chunkCount()).isEqualTo(199);
    assertThat(ladder.chunkDurationS()).isEqualTo(3.0);
    assertThat(ladder.bitrateBps(0)).isEqualTo(230_000);
    assertThat(ladder.chunkBytes(0, 0)).isEqualTo(886_360 / 8); // bits -> bytes
  }

  @Test
  void aPeriodWithoutBandwidthIsNamed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("n.json");
    Files.writeString(file, "[{\"duration_ms\": 1000, \"latency_ms\": 10}]");
    assertThatThrownBy(() -> SabreFormat.readNetwork(file))
        .isInstanceOf(TraceFormatException.class)
        .hasMessageContaining("bandwidth_kbps");
    Files.writeString(file, "[{");
    assertThatThrownBy(() -> SabreFormat.readNetwork(file))
        .isInstanceOf(TraceFormatException.class)
        .hasMessageContaining("not valid JSON");
  }
}
