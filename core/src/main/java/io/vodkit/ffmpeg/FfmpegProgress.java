package io.vodkit.ffmpeg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Parses ffmpeg's {@code -progress} output ({@code key=value} lines, one block per report ending
 * in {@code progress=continue|end}) into a fraction of the source duration.
 *
 * <p>Our own parser rather than the wrapper's {@code StreamProgressParser}: ffmpeg 5.1 prints
 * {@code out_time_us=N/A} before the first packet is muxed, which that parser fails on with a
 * {@code NumberFormatException} and stops. Here {@code N/A} and unknown keys are ignored.
 *
 * <p>Not thread-safe: one instance per ffmpeg run, fed by one reader thread; {@link #fraction()}
 * may be read from any thread.
 */
final class FfmpegProgress {
  private final double durationSeconds;
  private volatile double fraction;
  private volatile boolean ended;

  /** @param durationSeconds the source duration the fraction is relative to */
  FfmpegProgress(double durationSeconds) {
    this.durationSeconds = durationSeconds;
  }

  /** Fraction encoded so far, 0..1, never decreasing. */
  double fraction() {
    return fraction;
  }

  /** True once ffmpeg reported {@code progress=end}. */
  boolean ended() {
    return ended;
  }

  /** Reads until end of stream (ffmpeg exited or closed the pipe). Does not close {@code in}. */
  void consume(InputStream in) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    while ((line = reader.readLine()) != null) {
      accept(line);
    }
  }

  /** Applies one line of progress output. */
  void accept(String line) {
    int eq = line.indexOf('=');
    if (eq <= 0) {
      return;
    }
    String key = line.substring(0, eq).trim();
    String value = line.substring(eq + 1).trim();
    switch (key) {
      case "out_time_us", "out_time_ms" -> { // out_time_ms is microseconds too (historic misnomer)
        long micros = parseLong(value);
        if (micros >= 0 && durationSeconds > 0) {
          advance(micros / 1_000_000.0 / durationSeconds);
        }
      }
      case "progress" -> {
        if (value.equals("end")) {
          ended = true;
          advance(1.0);
        }
      }
      default -> {
        // frame, fps, bitrate, total_size, speed, stream_*_q…: not needed
      }
    }
  }

  private void advance(double f) {
    double clamped = Math.max(0, Math.min(1, f));
    if (clamped > fraction) {
      fraction = clamped;
    }
  }

  private static long parseLong(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return -1; // "N/A"
    }
  }
}
