package io.vodkit.dash;

import java.util.Locale;

/** Formats numbers the way the MPD schema types them. */
final class DashValues {
  private static final double TOLERANCE = 0.001;

  private DashValues() {}

  /** An {@code xs:duration} in seconds with millisecond precision, e.g. {@code PT20.000S}. */
  static String isoDuration(double seconds) {
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException("duration must be finite and >= 0: " + seconds);
    }
    return String.format(Locale.ROOT, "PT%.3fS", seconds);
  }

  /**
   * A {@code FrameRateType} ({@code [0-9]+(/[1-9][0-9]*)?}): an integer when the rate is one
   * ({@code 25}), the NTSC fraction when it is one ({@code 30000/1001} for 29.97), otherwise the
   * rate to a thousandth as a reduced fraction ({@code 25/2} for 12.5).
   */
  static String frameRate(double fps) {
    if (!(fps > 0) || Double.isInfinite(fps)) {
      throw new IllegalArgumentException("frame rate must be finite and > 0: " + fps);
    }
    long whole = Math.round(fps);
    if (Math.abs(fps - whole) < TOLERANCE) {
      return Long.toString(whole);
    }
    long ntsc = Math.round(fps * 1.001);
    if (Math.abs(fps - ntsc * 1000.0 / 1001) < TOLERANCE) {
      return ntsc * 1000 + "/1001";
    }
    long numerator = Math.round(fps * 1000);
    long gcd = gcd(numerator, 1000);
    return numerator / gcd + "/" + 1000 / gcd;
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
