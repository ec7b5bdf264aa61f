package io.vodkit.ffmpeg;

/**
 * The constant frame rate we encode at, chosen from the source's average rate: snapped to a
 * common rate (24, 25, 30, their NTSC variants, 50, 60…) when within 1.5 %, otherwise rounded to
 * a whole number; rates above 60 are halved until they fit (120 → 60, 100 → 50), and an unknown
 * rate becomes 30.
 *
 * @param num numerator
 * @param den denominator (1, 2 or 1001)
 */
record OutputFrameRate(int num, int den) {
  private static final int MAX = 60;
  private static final OutputFrameRate[] COMMON = {
    new OutputFrameRate(10, 1),
    new OutputFrameRate(12, 1),
    new OutputFrameRate(25, 2),
    new OutputFrameRate(15, 1),
    new OutputFrameRate(20, 1),
    new OutputFrameRate(24000, 1001),
    new OutputFrameRate(24, 1),
    new OutputFrameRate(25, 1),
    new OutputFrameRate(30000, 1001),
    new OutputFrameRate(30, 1),
    new OutputFrameRate(48, 1),
    new OutputFrameRate(50, 1),
    new OutputFrameRate(60000, 1001),
    new OutputFrameRate(60, 1),
  };

  /** The output rate for a source averaging {@code sourceFps} frames per second. */
  static OutputFrameRate forSource(double sourceFps) {
    if (!(sourceFps > 0) || Double.isInfinite(sourceFps)) {
      return new OutputFrameRate(30, 1);
    }
    double fps = sourceFps;
    while (fps > MAX + 0.5) {
      fps /= 2;
    }
    OutputFrameRate best = null;
    double bestDiff = Double.MAX_VALUE;
    for (OutputFrameRate c : COMMON) {
      double diff = Math.abs(c.value() - fps) / c.value();
      if (diff < bestDiff) {
        best = c;
        bestDiff = diff;
      }
    }
    if (bestDiff <= 0.015) {
      return best;
    }
    return new OutputFrameRate((int) Math.max(1, Math.min(MAX, Math.round(fps))), 1);
  }

  /** Frames per second. */
  double value() {
    return (double) num / den;
  }

  /** As ffmpeg takes it: {@code 30} or {@code 30000/1001}. */
  @Override
  public String toString() {
    return den == 1 ? Integer.toString(num) : num + "/" + den;
  }
}
