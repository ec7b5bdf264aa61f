package io.vodkit.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FingerprintSetTest {

  @Test
  void eachFingerprintIsNewExactlyOnceWhileFourThreadsRaceToGrowATinyTable() throws Exception {
    int distinct = 200_000;
    FingerprintSet set = new FingerprintSet(16, Long.MAX_VALUE);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Long>> tasks = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int stride = 2 * t + 1; // each thread visits every key, in its own order
        tasks.add(
            () -> {
              long added = 0;
              for (long i = 0; i < distinct; i++) {
                long key = (i * stride) % distinct;
                if (set.add(Hash64.fmix(key) | 2)) {
                  added++;
                }
              }
              return added;
            });
      }
      long total = 0;
      for (Future<Long> f : pool.invokeAll(tasks)) {
        total += f.get();
      }
      assertThat(total).isEqualTo(distinct);
      assertThat(set.size()).isEqualTo(distinct);
      assertThat(set.capacity()).isGreaterThanOrEqualTo(2 * distinct);
      for (long i = 0; i < distinct; i++) {
        assertThat(set.contains(Hash64.fmix(i) | 2)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFingerprintAddedTwiceIsNewOnlyTheFirstTime() {
    FingerprintSet set = new FingerprintSet(16, 1000);
    assertThat(set.add(42)).isTrue();
    assertThat(set.add(42)).isFalse();
    assertThat(set.contains(43)).isFalse();
  }

  @Test
  void pastItsBoundTheSetStopsGrowingAndReportsUnknownFingerprintsAsNewWithoutStoringThem() {
    FingerprintSet set = new FingerprintSet(16, 1_000);
    for (long i = 0; i < 5_000; i++) {
      set.add(Hash64.fmix(i) | 2);
    }
    long held = set.size();
    assertThat(held).isBetween(1_000L, 1_500L); // the bound is checked on long probe runs
    long unknown = Hash64.fmix(1_000_000) | 2;
    assertThat(set.add(unknown)).isTrue();
    assertThat(set.add(unknown)).isTrue(); // not stored: counted again
    assertThat(set.add(Hash64.fmix(0) | 2)).isFalse(); // still de-duplicates what it holds
    assertThat(set.size()).isEqualTo(held);
  }
}
