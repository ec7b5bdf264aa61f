package io.vodkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private static final long MIB = 1 << 20;
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Test
  void theLineShowsDoneTotalTheRateOfThisRunAndTheTimeLeft() {
    ProgressBar bar = new ProgressBar(new PrintWriter(new StringWriter()), false, 100 * MIB, 20 * MIB, nanos::get);
    nanos.addAndGet(2_000_000_000L);
    bar.advance(20 * MIB);

    // 20 MiB in 2 s = 10 MiB/s this run; 60 MiB left = 6 s. The 20 MiB of an earlier run count for the percentage only.
    assertThat(bar.line(nanos.get())).endsWith("  40%  40.0/100.0 MiB  10.0 MiB/s  ETA 0:06").startsWith("[############......");
  }

  @Test
  void offATerminalItPrintsWholeLinesAtMostEveryFiveSecondsAndAtTheEnd() {
    StringWriter text = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(text), false, 10 * MIB, 0, nanos::get);

    bar.advance(MIB); // first: drawn
    nanos.addAndGet(1_000_000_000L);
    bar.advance(MIB); // 1 s later: not drawn
    nanos.addAndGet(5_000_000_000L);
    bar.advance(MIB); // 6 s later: drawn
    bar.log("part 3/10 stored");
    bar.advance(7 * MIB); // done: drawn

    assertThat(text.toString().lines()).hasSize(4).noneMatch(l -> l.contains("\r"));
    assertThat(text.toString().lines().toList().get(3)).contains("100%");
  }

  @Test
  void onATerminalItRedrawsOneLineAndKeepsLogLinesApart() {
    StringWriter text = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(text), true, 10 * MIB, 0, nanos::get);

    bar.advance(MIB);
    bar.log("part 1/10 stored");
    bar.finish();

    assertThat(text.toString()).startsWith("\r[###").contains("\r\033[Kpart 1/10 stored\n[###").endsWith("\n");
  }
}
