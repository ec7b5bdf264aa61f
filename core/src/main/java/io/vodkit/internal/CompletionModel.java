package io.vodkit.internal;

/**
 * How long a transcode takes, learned from the jobs this process finished, for {@code
 * estimated_completion_at} at publish — when the only thing known about the source is its size
 * (its duration is known only once a worker has probed it).
 *
 * <p>Model: {@code seconds = overhead + secondsPerMb × sourceMb}, fitted by exponentially weighted
 * least squares: each finished job (complete or partial) adds a point (source MB, seconds from
 * claim to outcome) of weight 1 and every older point's weight is multiplied by {@code 1 − alpha}
 * (alpha {@value #ALPHA}: the last ~10 jobs carry most of the weight), so the model follows a
 * machine that gets busier or a ladder that changes. Before any job, and fading as jobs come in,
 * a prior of {@value #PRIOR_OVERHEAD_SECONDS} s + {@value #PRIOR_SECONDS_PER_MB} s/MB counts as two
 * points (at 0 MB and 100 MB). Guards: neither term is ever negative (a negative slope becomes a
 * flat line through the mean, a negative overhead a line through the origin); when the jobs seen
 * barely differ in size the slope is the prior's and only the level is learned; an estimate is at
 * least {@value #MIN_SECONDS} s.
 *
 * <p>What it does not know: queue wait (it assumes a worker is free), jobs finished by other
 * processes (an API-only process keeps the prior), and what drives encode time more than bytes —
 * duration × ladder cost — which a worker learns only after probing.
 *
 * <p>Thread-safe.
 */
public final class CompletionModel {
  /** Weight lost by every older point each time a job is recorded. */
  public static final double ALPHA = 0.2;
  /** The prior's fixed cost of a job, seconds. */
  public static final double PRIOR_OVERHEAD_SECONDS = 30;
  /** The prior's cost per MB (10^6 bytes) of source, seconds. */
  public static final double PRIOR_SECONDS_PER_MB = 0.5;
  /** The smallest estimate, seconds. */
  public static final double MIN_SECONDS = 1;

  private static final double PRIOR_SPREAD_MB = 100;

  private double weight;
  private double sumX;
  private double sumY;
  private double sumXx;
  private double sumXy;

  /** A model holding only the prior. */
  public CompletionModel() {
    add(0, PRIOR_OVERHEAD_SECONDS);
    add(PRIOR_SPREAD_MB, PRIOR_OVERHEAD_SECONDS + PRIOR_SECONDS_PER_MB * PRIOR_SPREAD_MB);
  }

  /** Learns from a finished job: its source size and how long it took from claim to outcome. */
  public synchronized void record(long sourceBytes, double seconds) {
    if (sourceBytes < 0 || !(seconds >= 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException("need a size >= 0 and a finite duration >= 0: " + sourceBytes + ", " + seconds);
    }
    double keep = 1 - ALPHA;
    weight *= keep;
    sumX *= keep;
    sumY *= keep;
    sumXx *= keep;
    sumXy *= keep;
    add(sourceBytes / 1e6, seconds);
  }

  /** Expected seconds from claim to outcome for a source of {@code sourceBytes}. */
  public synchronized double estimateSeconds(long sourceBytes) {
    double x = Math.max(0, sourceBytes) / 1e6;
    double meanX = sumX / weight;
    double meanY = sumY / weight;
    double varX = sumXx / weight - meanX * meanX;
    double covXy = sumXy / weight - meanX * meanY;
    double slope = varX > 1e-6 * (1 + meanX * meanX) ? covXy / varX : PRIOR_SECONDS_PER_MB;
    slope = Math.max(0, slope);
    double intercept = meanY - slope * meanX;
    if (intercept < 0) {
      intercept = 0;
      slope = sumXx > 0 ? Math.max(0, sumXy / sumXx) : 0;
    }
    return Math.max(MIN_SECONDS, intercept + slope * x);
  }

  private void add(double x, double y) {
    weight += 1;
    sumX += x;
    sumY += y;
    sumXx += x * x;
    sumXy += x * y;
  }
}
