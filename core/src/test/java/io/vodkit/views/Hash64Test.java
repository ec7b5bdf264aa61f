package io.vodkit.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Hash64Test {

  @Test
  void aMillionKeysOfEveryLengthHashWithoutACollision() {
    long[] hashes = new long[1_000_000];
    for (int i = 0; i < hashes.length; i++) {
      hashes[i] = Hash64.of("k" + i + "-".repeat(i % 7)); // distinct keys, 2 to 13 characters
    }
    Arrays.sort(hashes);
    int collisions = 0;
    for (int i = 1; i < hashes.length; i++) {
      if (hashes[i] == hashes[i - 1]) {
        collisions++;
      }
    }
    assertThat(collisions).isZero();
  }

  @Test
  void hashesDependOnEveryCharacterAndNeverReturnTheReservedValues() {
    assertThat(Hash64.of("vid_aaaaaaaaaaaaaaaa")).isNotEqualTo(Hash64.of("vid_aaaaaaaaaaaaaaab"));
    assertThat(Hash64.of("ab")).isNotEqualTo(Hash64.of("ba"));
    assertThat(Hash64.of("")).isNotZero();
    assertThat(Hash64.pair(0, 0)).isGreaterThan(1);
    assertThat(Hash64.pair(1, 2)).isNotEqualTo(Hash64.pair(2, 1));
  }
}
