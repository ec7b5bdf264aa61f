package io.vodkit.examples.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The upload progress line on stderr: bar, percentage, MiB done of total, the rate of this run in
 * MiB/s and the time left at that rate. On a terminal it redraws one line in place (at most every
 * 200 ms); otherwise (a log, a pipe) it prints a whole line at most every 5 s and at the end.
 * Progress moves when a part is stored, so it advances in part-size steps.
 *
 * <p>Thread-safe: parts report from the sender threads.
 */
final class ProgressBar {
  private static final double MIB = 1 << 20;
  private static final int WIDTH = 30;

  private final PrintWriter out;
  private final boolean interactive;
  private final long totalBytes;
  private final LongSupplier nanoClock;
  private final long startNanos;
  private final long alreadyDoneBytes;
  private long doneBytes;
  private long lastDrawNanos = Long.MIN_VALUE;
  private boolean drawn;

  /**
   * A bar for {@code totalBytes} of which {@code alreadyDoneBytes} were stored by an earlier run
   * (they count for the percentage, not for the rate).
   */
  ProgressBar(PrintWriter out, boolean interactive, long totalBytes, long alreadyDoneBytes, LongSupplier nanoClock) {
    this.out = out;
    this.interactive = interactive;
    this.totalBytes = totalBytes;
    this.alreadyDoneBytes = alreadyDoneBytes;
    this.doneBytes = alreadyDoneBytes;
    this.nanoClock = nanoClock;
    this.startNanos = nanoClock.getAsLong();
  }

  /** Counts {@code bytes} more as stored and redraws if it is time. */
  synchronized void advance(long bytes) {
    doneBytes += bytes;
    long now = nanoClock.getAsLong();
    long every = interactive ? 200_000_000L : 5_000_000_000L;
    if (doneBytes >= totalBytes || lastDrawNanos == Long.MIN_VALUE || now - lastDrawNanos >= every) {
      draw(now);
    }
  }

  /** Prints a message on its own line without garbling the bar. */
  synchronized void log(String message) {
    if (interactive && drawn) {
      out.print("\r\033[K");
    }
    out.println(message);
    if (interactive && drawn) {
      out.print(line(nanoClock.getAsLong()));
    }
    out.flush();
  }

  /** Ends the bar's line. */
  synchronized void finish() {
    if (interactive && drawn) {
      out.println();
      out.flush();
    }
  }

  /** The text of the bar as it would be drawn now. */
  synchronized String line(long nowNanos) {
    double fraction = totalBytes == 0 ? 1 : (double) doneBytes / totalBytes;
    int filled = (int) Math.round(fraction * WIDTH);
    double seconds = (nowNanos - startNanos) / 1e9;
    double rate = seconds > 0 ? (doneBytes - alreadyDoneBytes) / MIB / seconds : 0;
    String eta = rate > 0 ? clock((totalBytes - doneBytes) / MIB / rate) : "--:--";
    return String.format(
        Locale.ROOT, "[%s%s] %3d%%  %.1f/%.1f MiB  %.1f MiB/s  ETA %s",
        "#".repeat(filled), ".".repeat(WIDTH - filled), (int) Math.floor(fraction * 100),
        doneBytes / MIB, totalBytes / MIB, rate, eta);
  }

  private void draw(long now) {
    lastDrawNanos = now;
    drawn = true;
    if (interactive) {
      out.print("\r" + line(now));
    } else {
      out.println(line(now));
    }
    out.flush();
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
