package io.vodkit.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ViewerSketchTest {

  @Test
  void aMillionDistinctViewersAreEstimatedWithinTwoPercent() {
    ViewerSketch sketch = ViewerSketch.empty();
    for (int i = 0; i < 1_000_000; i++) {
      sketch.add(Hash64.of("viewer-" + i));
      sketch.add(Hash64.of("viewer-" + (i / 2))); // repeats must not count
    }
    double error = Math.abs(sketch.estimate() - 1_000_000) / 1_000_000.0;
    assertThat(error).isLessThanOrEqualTo(0.02);
  }

  @Test
  void aSketchReadBackFromItsBytesKeepsCountingWhereItLeftOff() {
    ViewerSketch first = ViewerSketch.empty();
    for (int i = 0; i < 50_000; i++) {
      first.add(Hash64.of("u" + i));
    }
    ViewerSketch second = ViewerSketch.fromBytes(first.toBytes());
    for (int i = 25_000; i < 100_000; i++) {
      second.add(Hash64.of("u" + i));
    }
    assertThat((double) second.estimate()).isCloseTo(100_000, within(2_000.0));
  }

  @Test
  void smallCountsAreExact() {
    ViewerSketch sketch = ViewerSketch.empty();
    for (int i = 0; i < 100; i++) {
      sketch.add(Hash64.of("v" + (i % 37)));
    }
    assertThat(sketch.estimate()).isEqualTo(37);
  }

  @Test
  void bytesThatAreNotASketchAreRefused() {
    assertThatThrownBy(() -> ViewerSketch.fromBytes(new byte[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
