package io.vodkit.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ViewLogTest {

  @Test
  void aDrainSeesEveryAppendMadeBeforeTheSealAndRefusesEveryAppendAfterIt() throws Exception {
    ViewLog log = new ViewLog(4);
    AtomicLong accepted = new AtomicLong();
    CountDownLatch started = new CountDownLatch(3);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      long base = (t + 1L) << 32;
      Thread thread =
          new Thread(
              () -> {
                started.countDown();
                for (long i = 1; ; i++) {
                  if (!log.append("vid_" + (i % 7), base + i, 500_000 + (i % 2))) {
                    return;
                  }
                  accepted.incrementAndGet();
                }
              });
      threads.add(thread);
      thread.start();
    }
    started.await();
    Thread.sleep(20);
    Set<Long> seen = new HashSet<>();
    long lost = log.sealAndDrain((video, viewer, hour) -> seen.add(viewer));
    for (Thread t : threads) {
      t.join();
    }
    assertThat(lost).isZero();
    assertThat(seen).hasSize((int) accepted.get());
    assertThat(log.append("vid_late", 9, 1)).isFalse();
  }

  @Test
  void entriesComeBackWithTheirVideoAndHour() {
    ViewLog log = new ViewLog(1);
    log.append("vid_a", 11, 100);
    log.append("vid_b", 12, 101);
    List<String> out = new ArrayList<>();
    log.sealAndDrain((video, viewer, hour) -> out.add(video + "/" + viewer + "/" + hour));
    assertThat(out).containsExactly("vid_a/11/100", "vid_b/12/101");
  }
}
