package io.vodkit.abr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LadderTest {
  @Test
  void constantBitrateChunksHoldBitrateTimesDurationInBytes() {
    Ladder ladder = Ladder.constantBitrate(new long[] {400_000, 2_500_000}, 4.0, 3);
    assertThat(ladder.chunkBytes(2, 0)).isEqualTo(200_000);
    assertThat(ladder.chunkBytes(0, 1)).isEqualTo(1_250_000);
    assertThat(ladder.chunkCount()).isEqualTo(3);
    assertThat(ladder.topRung()).isEqualTo(1);
  }

  @Test
  void theHighestRungAtOrBelowIncludesAnExactMatchAndFallsBackToTheLowest() {
    assertThat(Fixtures.SPEC_LADDER.highestRungAtOrBelow(2_500_000)).isEqualTo(1);
    assertThat(Fixtures.SPEC_LADDER.highestRungAtOrBelow(2_499_999)).isEqualTo(0);
    assertThat(Fixtures.SPEC_LADDER.highestRungAtOrBelow(100)).isEqualTo(0);
    assertThat(Fixtures.SPEC_LADDER.highestRungAtOrBelow(1e12)).isEqualTo(3);
  }

  @Test
  void bitratesMustIncreaseAndSizesMustBePositive() {
    assertThatThrownBy(() -> Ladder.of(new long[] {2, 1}, 4, new long[][] {{1, 1}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("increasing");
    assertThatThrownBy(() -> Ladder.of(new long[] {1, 2}, 4, new long[][] {{1, 0}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chunk 0");
    assertThatThrownBy(() -> Ladder.of(new long[] {1, 2}, 4, new long[][] {{1}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 sizes for 2 rungs");
  }

  @Test
  void theLadderKeepsItsOwnCopyOfTheSizes() {
    long[][] sizes = {{10, 20}};
    Ladder ladder = Ladder.of(new long[] {1, 2}, 4, sizes);
    sizes[0][0] = 99;
    assertThat(ladder.chunkBytes(0, 0)).isEqualTo(10);
    assertThat(ladder.firstChunks(1).chunkBytes(0, 1)).isEqualTo(20);
  }
}
